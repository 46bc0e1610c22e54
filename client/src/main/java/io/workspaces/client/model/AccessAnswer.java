package io.workspaces.client.model;

import java.util.List;

/** The answers of {@code POST /v1/access/check}, in the order asked, and the position they reflect. */
public record AccessAnswer(List<AccessDecision> results, long consistencyToken) {
}
