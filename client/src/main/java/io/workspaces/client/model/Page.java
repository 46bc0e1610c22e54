package io.workspaces.client.model;

import java.util.List;

/** One page of a list: {@code {data, pagination, sort}}. */
public record Page<T>(List<T> data, Pagination pagination, String sort) {

    public record Pagination(int page, int pageSize, long totalResults, long totalPages, int currentPageSize) {
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return pagination != null && !data.isEmpty() && pagination.page() < pagination.totalPages();
    }
}
