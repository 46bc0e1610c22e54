package io.workspaces.query.webhook;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a delivery stands, as {@code webhook_delivery.status} stores it and the API shows it. */
enum DeliveryStatus {
    /** Due now or later (after a failed attempt, on the retry schedule). */
    PENDING("pending"),
    DELIVERED("delivered"),
    /** Every attempt of its round failed; it waits for a redelivery. */
    DEAD("dead");

    private final String value;

    DeliveryStatus(String value) {
        this.value = value;
    }

    @JsonValue
    String value() {
        return value;
    }

    static Optional<DeliveryStatus> of(String value) {
        return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst();
    }

    /** "pending, delivered, dead", for messages. */
    static String listed() {
        return Arrays.stream(values()).map(DeliveryStatus::value).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return value;
    }
}
