package io.workspaces.access;

import io.workspaces.events.MemberRemoved;
import io.workspaces.events.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A role lookup's pages over many workspaces, where the principal's own and the {@code *}-bound ones interleave. */
class AccessIndexGrantsTest {

    private final AccessIndex index = new AccessIndex();
    private final List<AccessIndex.Grant> expected = new ArrayList<>();

    AccessIndexGrantsTest() {
        // loaded in an order unrelated to the names: the index keeps both lists sorted itself
        for (int i = 199; i >= 0; i--) {
            UUID id = new UUID(0, i);
            String name = "ws-%03d".formatted(i);
            index.loadWorkspace(id, name, 1, true);
            Role member = i % 3 == 0 ? Role.EDITOR : null;
            Role everyone = i % 5 == 0 || i % 7 == 0 ? Role.VIEWER : null;
            if (member != null) {
                index.loadMember(id, "ann", member);
            }
            if (everyone != null) {
                index.loadMember(id, "*", everyone);
            }
            if (member != null || everyone != null) {
                expected.add(new AccessIndex.Grant(id, name, member, everyone));
            }
        }
        expected.sort(Comparator.comparing(AccessIndex.Grant::workspaceName));
    }

    @Test
    void pagesAreSlicesOfTheSortedGrantsInBothDirections() {
        assertThat(index.grantsOf("ann", true)).isEqualTo(expected);
        List<AccessIndex.Grant> descending = new ArrayList<>(expected);
        Collections.reverse(descending);
        for (int size : List.of(1, 7, 50, 1000)) {
            for (int offset = 0; offset < expected.size() + size; offset += size) {
                int to = Math.min(offset + size, expected.size());
                AccessIndex.GrantPage ascending = index.grants("ann", true, false, offset, size);
                assertThat(ascending.total()).isEqualTo(expected.size());
                assertThat(ascending.grants()).isEqualTo(expected.subList(Math.min(offset, to), to));
                assertThat(index.grants("ann", true, true, offset, size).grants())
                        .isEqualTo(descending.subList(Math.min(offset, to), to));
            }
        }
    }

    @Test
    void withoutEveryoneOnlyTheOwnMembershipsCount() {
        List<AccessIndex.Grant> own = expected.stream().filter(grant -> grant.memberRole() != null)
                .map(grant -> new AccessIndex.Grant(grant.workspaceId(), grant.workspaceName(), grant.memberRole(), null))
                .toList();
        AccessIndex.GrantPage page = index.grants("ann", false, false, 10, 20);
        assertThat(page.total()).isEqualTo(own.size());
        assertThat(page.grants()).isEqualTo(own.subList(10, 30));
    }

    @Test
    void aPrincipalWithNoMembershipSeesTheStarBoundWorkspacesAndTheCountFollowsUnbinding() {
        long bound = expected.stream().filter(grant -> grant.everyoneRole() != null).count();
        assertThat(index.grants("zed", true, false, 0, 1000).total()).isEqualTo(bound);
        index.apply(new MemberRemoved(new UUID(0, 0), "*", Role.VIEWER), 1);
        assertThat(index.grants("zed", true, false, 0, 1000).total()).isEqualTo(bound - 1);
        assertThat(index.grants("zed", true, false, 0, 1000).grants()).hasSize((int) bound - 1);
    }
}
