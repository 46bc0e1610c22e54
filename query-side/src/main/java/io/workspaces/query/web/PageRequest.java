package io.workspaces.query.web;

import io.workspaces.common.web.InvalidRequestException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code page} (from 1), {@code page_size} (1-1000, default 100) and {@code sort} of a list. */
public record PageRequest(int page, int pageSize, String sort) {

    public static final String PAGE = "page";
    public static final String PAGE_SIZE = "page_size";
    public static final String SORT = "sort";
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    /** Deep offsets cost a scan of everything before them; past this, narrow the query with filters. */
    public static final int MAX_PAGE = 1_000_000;

    public static PageRequest from(QueryParameters parameters, List<String> sorts, String defaultSort) {
        int page = parameters.intValue(PAGE, 1, 1, MAX_PAGE);
        int pageSize = parameters.intValue(PAGE_SIZE, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        String sort = parameters.get(SORT);
        if (sort == null) {
            sort = defaultSort;
        } else if (!sorts.contains(sort)) {
            throw InvalidRequestException.of(SORT, "must be one of " + String.join(", ", sorts));
        }
        return new PageRequest(page, pageSize, sort);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /** True for a descending sort ({@code -name}). */
    public boolean descending() {
        return sort.startsWith("-");
    }

    /** The sort key without its direction ({@code name} for {@code -name}). */
    public String sortKey() {
        return descending() ? sort.substring(1) : sort;
    }

    /** The requested page of {@code all}, sorted in memory by {@code orders} (ascending, by sort key). */
    public <T> Page<T> page(List<T> all, Map<String, Comparator<T>> orders) {
        Comparator<T> order = orders.get(sortKey());
        List<T> sorted = all.stream().sorted(descending() ? order.reversed() : order).toList();
        int from = (int) Math.min(offset(), sorted.size());
        return page(sorted.subList(from, Math.min(from + pageSize, sorted.size())), sorted.size());
    }

    public <T> Page<T> page(List<T> data, long totalResults) {
        long totalPages = (totalResults + pageSize - 1) / pageSize;
        return new Page<>(data, new Page.Pagination(page, pageSize, totalResults, totalPages, data.size()), sort);
    }
}
