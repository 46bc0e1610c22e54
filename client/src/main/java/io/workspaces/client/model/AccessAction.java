package io.workspaces.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What an access check asks about: read, write (description, entities), manage (members), delete, read-history. */
public enum AccessAction {
    READ("read"), WRITE("write"), MANAGE("manage"), DELETE("delete"), READ_HISTORY("read-history");

    private final String wireName;

    AccessAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AccessAction of(String wireName) {
        return Arrays.stream(values()).filter(action -> action.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown action " + wireName));
    }
}
