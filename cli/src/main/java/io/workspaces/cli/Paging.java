package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * One page of {@code path} (query side), or with --all every page merged into one of the same shape:
     * {@code {data, pagination, sort}}.
     */
    JsonNode fetch(Api api, String path, Map<String, String> filters) {
        if (all && page != null) {
            throw new ParameterException(mixee.commandLine(), "--all and --page cannot be combined");
        }
        if (!all) {
            return api.get(Api.Side.QUERY, path, with(filters, page, pageSize)).body();
        }
        ArrayNode data = Json.MAPPER.createArrayNode();
        JsonNode last = null;
        for (int number = 1; number <= MAX_PAGES; number++) {
            last = api.get(Api.Side.QUERY, path, with(filters, number, pageSize == null ? ALL_PAGE_SIZE : pageSize)).body();
            JsonNode items = last.path("data");
            items.forEach(data::add);
            if (items.isEmpty() || number >= last.path("pagination").path("total_pages").asLong(0)) {
                break;
            }
        }
        ObjectNode merged = Json.object();
        merged.set("data", data);
        merged.putObject("pagination").put("page", 1).put("page_size", data.size()).put("total_results", data.size())
                .put("total_pages", data.isEmpty() ? 0 : 1).put("current_page_size", data.size());
        merged.set("sort", last == null ? null : last.get("sort"));
        return merged;
    }

    /** "page 1 of 3: 100 of 250 workspaces (next: --page 2)", or "250 workspaces" when everything is shown. */
    void printFooter(PrintStream out, JsonNode page, String noun) {
        JsonNode pagination = page.path("pagination");
        long total = pagination.path("total_results").asLong();
        long shown = pagination.path("current_page_size").asLong();
        long number = pagination.path("page").asLong(1);
        long pages = pagination.path("total_pages").asLong();
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

    private static Map<String, String> with(Map<String, String> filters, Integer page, Integer pageSize) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        if (page != null) {
            query.put("page", page.toString());
        }
        if (pageSize != null) {
            query.put("page_size", pageSize.toString());
        }
        return query;
    }
}
