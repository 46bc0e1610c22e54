package io.workspaces.cli;

import io.workspaces.client.Pages;
import io.workspaces.client.model.Page;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code --page}, {@code --page-size} and {@code --all} of the list commands, and the pagination line. */
final class Paging {

    /** --all asks for pages this big unless --page-size says otherwise. */
    static final int ALL_PAGE_SIZE = 1000;
    /** --all stops here whatever the service says (a safety net against a list that keeps growing). */
    static final int MAX_PAGES = 10_000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--page", paramLabel = "N", description = "page number, from 1 (default 1)")
    Integer page;

    @Option(names = "--page-size", paramLabel = "N", description = "items per page, 1-1000 (default 100)")
    Integer pageSize;

    @Option(names = "--all", description = "follow every page and show them as one")
    boolean all;

    /** One page of the list, or with --all every page merged into one of the same shape. */
    <T> Page<T> fetch(Pages<T> pages) {
        if (all && page != null) {
            throw new ParameterException(mixee.commandLine(), "--all and --page cannot be combined");
        }
        if (!all) {
            return pages.pageSize(pageSize).page(page == null ? 1 : page);
        }
        List<T> data = new ArrayList<>();
        Page<T> last = null;
        Iterator<Page<T>> every = pages.pageSize(pageSize == null ? ALL_PAGE_SIZE : pageSize).pages().iterator();
        for (int number = 1; number <= MAX_PAGES && every.hasNext(); number++) {
            last = every.next();
            data.addAll(last.data());
        }
        return new Page<>(data, new Page.Pagination(1, data.size(), data.size(), data.isEmpty() ? 0 : 1, data.size()),
                last == null ? null : last.sort());
    }

    /** "page 1 of 3: 100 of 250 workspaces (next: --page 2)", or "250 workspaces" when everything is shown. */
    void printFooter(PrintStream out, Page<?> page, String noun) {
        Page.Pagination pagination = page.pagination();
        long total = pagination.totalResults();
        long shown = pagination.currentPageSize();
        long number = pagination.page();
        long pages = pagination.totalPages();
        if (all || (number == 1 && pages <= 1)) {
            out.println(total + " " + plural(total, noun));
            return;
        }
        out.println("page " + number + " of " + pages + ": " + shown + " of " + total + " " + plural(total, noun)
                + (number < pages ? " (next: --page " + (number + 1) + ")" : ""));
    }

    /** "1 workspace", "2 workspaces": {@code noun} is the singular. */
    static String plural(long count, String noun) {
        return count == 1 ? noun : noun + "s";
    }
}
