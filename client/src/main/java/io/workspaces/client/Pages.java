package io.workspaces.client;

import io.workspaces.client.model.Page;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A paged list: one page ({@link #page(int)}), or every item ({@link #iterator()}, {@link #stream()}), fetched a
 * page at a time as the iteration reaches it. Pages are numbered from 1; a list that changes while it is walked
 * may show an item twice or skip one (the pages are offsets into the list as it is when each page is read).
 */
public final class Pages<T> implements Iterable<T> {

    /** Iteration stops after this many pages whatever the service says: a safety net against a list that grows. */
    public static final int MAX_PAGES = 100_000;

    private final BiFunction<Integer, Integer, Page<T>> fetch;
    private final Integer pageSize;

    Pages(BiFunction<Integer, Integer, Page<T>> fetch, Integer pageSize) {
        this.fetch = fetch;
        this.pageSize = pageSize;
    }

    /** The same list read {@code size} items per page (1-1000; null: the service's default). */
    public Pages<T> pageSize(Integer size) {
        return new Pages<>(fetch, size);
    }

    /** Page {@code number} (from 1). */
    public Page<T> page(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("pages are numbered from 1");
        }
        return fetch.apply(number, pageSize);
    }

    public Page<T> first() {
        return page(1);
    }

    /** Every page from the first, each read when the stream reaches it. */
    public Stream<Page<T>> pages() {
        Iterator<Page<T>> pages = new Iterator<>() {
            private Page<T> last;
            private int number;

            @Override
            public boolean hasNext() {
                return number == 0 || (last.hasNext() && number < MAX_PAGES);
            }

            @Override
            public Page<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = page(++number);
                return last;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }

    /** Every item, page after page. */
    @Override
    public Iterator<T> iterator() {
        return stream().iterator();
    }

    public Stream<T> stream() {
        return pages().flatMap(page -> page.data().stream());
    }

    /** Every item in one list (reads every page first). */
    public List<T> toList() {
        return stream().toList();
    }
}
