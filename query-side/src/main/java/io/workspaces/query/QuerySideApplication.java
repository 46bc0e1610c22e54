package io.workspaces.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side. For now a skeleton that starts and reports health; projections into read models and the
 * read API (list, get, members, role lookup, history) arrive with the query-side issue.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
