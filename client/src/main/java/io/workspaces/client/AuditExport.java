package io.workspaces.client;

import com.fasterxml.jackson.databind.ObjectReader;
import io.workspaces.client.model.AuditEvent;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A running audit export: NDJSON, one event per line, in constant memory. Read {@link #body()} as bytes (to store
 * it as it is) or {@link #events()} as records, once; close it when done. {@link #announcedCount()} is how many
 * events the service said it would send: fewer lines mean the stream broke off.
 */
public final class AuditExport implements Closeable {

    private static final ObjectReader READER = Json.mapper().readerFor(AuditEvent.class);

    private final InputStream body;
    private final OptionalLong announcedCount;

    AuditExport(InputStream body, OptionalLong announcedCount) {
        this.body = body;
        this.announcedCount = announcedCount;
    }

    public OptionalLong announcedCount() {
        return announcedCount;
    }

    public InputStream body() {
        return body;
    }

    /** The events as they arrive; a broken stream ends the stream with an {@link UncheckedIOException}. */
    public Stream<AuditEvent> events() {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        return lines.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return READER.<AuditEvent>readValue(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).onClose(this::close);
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing left to do with a stream that fails to close
        }
    }
}
