package io.workspaces.query.web;

import java.util.List;

/** One page of a list, in the shape docs/api.md gives: {@code {data, pagination, sort}}. */
public record Page<T>(List<T> data, Pagination pagination, String sort) {

    public record Pagination(int page, int pageSize, long totalResults, long totalPages, int currentPageSize) {
    }
}
