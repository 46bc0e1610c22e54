-- The webhook attempt log keeps only coarse failure classes and no durations: whoever can read it may have chosen
-- the URL, and "connection refused" against "request failed", or how long an attempt took, would make the log a
-- port scanner. Attempts no longer record a duration; the ones recorded before are dropped, and their failures
-- and the deliveries' last failures become classes: refused-by-policy, unreachable, timeout, http-3xx, http-4xx,
-- http-5xx, http-other, interrupted. (Rows a node of the previous version writes while a new one starts are read
-- as their class too.)
ALTER TABLE webhook_attempt ALTER COLUMN duration_ms DROP NOT NULL;
COMMENT ON COLUMN webhook_attempt.duration_ms IS 'no longer written (see V4__webhook_attempts_coarse.sql)';

CREATE FUNCTION pg_temp.webhook_failure_class(failure TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN failure IS NULL THEN NULL
        WHEN failure IN ('refused-by-policy', 'unreachable', 'timeout', 'http-3xx', 'http-4xx', 'http-5xx',
                         'http-other', 'interrupted') THEN failure
        WHEN failure ~ '^answered HTTP [3-5][0-9][0-9]$' THEN 'http-' || substr(failure, 15, 1) || 'xx'
        WHEN failure ~ '^answered HTTP [0-9]+$' THEN 'http-other'
        WHEN failure LIKE 'no answer within %' THEN 'timeout'
        WHEN failure = 'the URL cannot be requested' THEN 'refused-by-policy'
        ELSE 'unreachable'
    END
$$;

UPDATE webhook_attempt SET duration_ms = NULL, error = pg_temp.webhook_failure_class(error);
UPDATE webhook_delivery SET last_error = pg_temp.webhook_failure_class(last_error) WHERE last_error IS NOT NULL;
