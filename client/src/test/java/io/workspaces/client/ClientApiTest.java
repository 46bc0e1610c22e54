package io.workspaces.client;

import io.workspaces.client.model.AuditEvent;
import io.workspaces.client.model.AuditFilter;
import io.workspaces.client.model.CreateWorkspace;
import io.workspaces.client.model.EventEnvelope;
import io.workspaces.client.model.HistoryEvent;
import io.workspaces.client.model.Member;
import io.workspaces.client.model.MemberFilter;
import io.workspaces.client.model.Page;
import io.workspaces.client.model.ProjectionStatus;
import io.workspaces.client.model.RoleGrant;
import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.WorkspaceFilter;
import io.workspaces.client.model.Written;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.workspaces.client.ClientServices.client;
import static io.workspaces.client.ClientServices.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against both sides running as real processes. */
@ExtendWith(ClientServices.class)
class ClientApiTest {

    @Test
    void aSessionReadsItsOwnWritesAndTheTokenNamesTheCaller() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("rw");

        Written<Workspace> created = alice.createWorkspace(name, "first");
        // read at once, on the query side: the session sends the create's token, so the read waits for it
        Workspace read = alice.getWorkspace(name);
        Written<Workspace> updated = alice.updateDescription(name, "second", created.version());
        Workspace reread = alice.getWorkspace(read.id().toString());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().createdBy()).isEqualTo("alice");
        assertThat(read.id()).isEqualTo(created.body().id());
        assertThat(read.memberCount()).isEqualTo(1);
        assertThat(updated.consistencyToken()).isGreaterThan(created.consistencyToken());
        assertThat(alice.consistencyToken().orElseThrow()).isGreaterThanOrEqualTo(updated.consistencyToken());
        assertThat(reread.description()).isEqualTo("second");
        assertThat(reread.version()).isEqualTo(updated.version());
        assertThat(reread.updatedAt()).isEqualTo(updated.body().updatedAt());
    }

    @Test
    void errorAnswersBecomeTypedExceptions() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("err");
        Written<Workspace> created = alice.createWorkspace(name, null);
        alice.updateDescription(name, "changed", null);

        assertThatThrownBy(() -> alice.createWorkspace(name, null))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("name-taken");
                });
        assertThatThrownBy(() -> alice.createWorkspace("Not A Name", null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.fieldErrors()).extracting(Problem.FieldError::field).contains("name");
                });
        assertThatThrownBy(() -> alice.updateDescription(name, "stale", created.version()))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.currentVersion()).hasValue(created.version() + 1);
                });
        assertThatThrownBy(() -> ClientServices.builder().build().getWorkspace(name))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client("bob").createWorkspace(unique("bob"), null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> client("bob").after(created.consistencyToken()).getWorkspace(name))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.problem().requestId()).isNotBlank());
        assertThatThrownBy(() -> client("alice").verifyAuditChain()).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aCreateRepeatedWithItsIdempotencyKeyReturnsTheFirstAnswer() {
        WorkspacesClient alice = client("alice", "workspace-creator");
        CreateWorkspace request = CreateWorkspace.named(unique("key")).idempotencyKey(UUID.randomUUID().toString());

        Written<Workspace> first = alice.createWorkspace(request);
        Written<Workspace> again = alice.createWorkspace(request);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.body().id()).isEqualTo(first.body().id());
    }

    @Test
    void membersAndRoleLookups() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("members");
        alice.createWorkspace(name, null);

        var added = alice.putMember(name, "bob", "editor", null);
        var promoted = alice.putMember(name, "bob", "admin", null);
        List<Member> members = alice.listMembers(name, MemberFilter.all()).toList();
        List<RoleGrant> bobs = client("bob").after(alice.consistencyToken().orElseThrow())
                .rolesOf("bob", true, null).toList();
        alice.removeMember(name, "bob", null);

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().role()).isEqualTo("editor");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(members).extracting(Member::principal, Member::role)
                .contains(org.assertj.core.groups.Tuple.tuple("alice", "admin"),
                        org.assertj.core.groups.Tuple.tuple("bob", "admin"));
        assertThat(bobs).anySatisfy(grant -> {
            assertThat(grant.workspace().name()).isEqualTo(name);
            assertThat(grant.memberRole()).isEqualTo("admin");
        });
        assertThat(alice.listMembers(name, MemberFilter.all().role("admin")).stream().map(Member::principal))
                .containsExactly("alice");
        assertThatThrownBy(() -> alice.removeMember(name, "bob", null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pagesAreFollowedOneAtATime() {
        WorkspacesClient carol = client("carol", "workspace-creator").session();
        String prefix = unique("page");
        for (int i = 0; i < 5; i++) {
            carol.createWorkspace(prefix + "-" + i, null);
        }
        Pages<Workspace> pages = carol.listWorkspaces(WorkspaceFilter.all().namePrefix(prefix).sort("name")).pageSize(2);

        Page<Workspace> first = pages.first();
        List<Page<Workspace>> all = pages.pages().toList();

        assertThat(first.pagination().totalPages()).isEqualTo(3);
        assertThat(first.pagination().totalResults()).isEqualTo(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(all).hasSize(3);
        assertThat(all.get(2).data()).hasSize(1);
        assertThat(pages.stream().map(Workspace::name))
                .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
        assertThat(pages.page(3).hasNext()).isFalse();
    }

    @Test
    void entitiesHistoryAndDeletion() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("hist");
        Workspace workspace = alice.createWorkspace(name, "d").body();

        var registered = alice.registerEntity(name, "dataset", "d-42", null);
        assertThatThrownBy(() -> alice.deleteWorkspace(name, null, null))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.type()).isEqualTo("workspace-not-empty"));
        alice.unregisterEntity(name, "dataset", "d-42", null);
        var deleted = alice.deleteWorkspace(name, "done", null);
        // a deleted workspace has no members left: its history is for auditors (and platform admins) now
        List<HistoryEvent> history = client("audrey", "auditor").after(deleted.consistencyToken())
                .history(workspace.id().toString()).pageSize(2).toList();

        assertThat(registered.status()).isEqualTo(204);
        assertThat(registered.version()).isEqualTo(workspace.version() + 1);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(history).extracting(HistoryEvent::type).startsWith("workspace.created").containsSubsequence(
                "workspace.entity-registered", "workspace.entity-unregistered", "workspace.deleted");
        assertThat(history).hasSize((int) deleted.version().longValue());
        assertThat(history.get(history.size() - 1).data().path("reason").asText()).isEqualTo("done");
        assertThatThrownBy(() -> alice.getWorkspace(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void auditFeedAndProjectionsForAnAuditor() throws Exception {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("audit");
        Written<Workspace> created = alice.createWorkspace(name, null);
        alice.putMember(name, "dave", "viewer", null);
        WorkspacesClient auditor = client("audrey", "auditor").after(alice.consistencyToken().orElseThrow());

        var page = auditor.auditEvents(AuditFilter.all().workspace(name), 1);
        List<AuditEvent> all = auditor.auditEventsAll(AuditFilter.all().workspace(name)).toList();
        List<AuditEvent> exported;
        try (AuditExport export = auditor.exportAudit(AuditFilter.all().workspace(name))) {
            exported = export.events().toList();
            assertThat(export.announcedCount()).hasValue(exported.size());
        }
        var feed = auditor.events(created.consistencyToken() - 1, 10);
        List<EventEnvelope> fromFeed = auditor.eventsAfter(created.consistencyToken() - 1).toList();
        List<ProjectionStatus> projections = auditor.projections();

        assertThat(page.data()).hasSize(1);
        assertThat(page.nextStartAfter()).isNotNull();
        assertThat(all).extracting(AuditEvent::type).startsWith("workspace.created").contains("workspace.member-added");
        assertThat(all.get(all.size() - 1).data().path("principal").asText()).isEqualTo("dave");
        assertThat(exported).isEqualTo(all);
        assertThat(feed.data()).isNotEmpty();
        assertThat(feed.data().get(0).position()).isEqualTo(created.consistencyToken());
        assertThat(fromFeed).extracting(EventEnvelope::workspaceId).contains(created.body().id());
        assertThat(auditor.verifyAuditChain().ok()).isTrue();
        assertThat(projections).isNotEmpty();
        assertThat(auditor.projection(projections.get(0).name()).name()).isEqualTo(projections.get(0).name());
        assertThat(auditor.listWebhooks(null).first().data()).isNotNull();
        assertThatThrownBy(() -> auditor.getWebhook(UUID.randomUUID())).isInstanceOf(NotFoundException.class);

        // the live feed from the create on: its events arrive in order, Last-Event-ID says where to resume
        try (EventStream stream = auditor.streamEvents(created.consistencyToken() - 1)) {
            EventEnvelope firstEvent = stream.next();
            assertThat(firstEvent.workspaceId()).isEqualTo(created.body().id());
            assertThat(firstEvent.position()).isEqualTo(created.consistencyToken());
            assertThat(stream.lastEventId()).isEqualTo(created.consistencyToken());
        }
        Map<String, Long> byType = all.stream().collect(Collectors.groupingBy(AuditEvent::type, Collectors.counting()));
        assertThat(byType).containsEntry("workspace.created", 1L);
    }

    @Test
    void timeoutsAreConfigurable() {
        WorkspacesClient impatient = ClientServices.builder().token(ClientServices.token("alice"))
                .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(1)).build();
        assertThat(impatient.listWorkspaces(WorkspaceFilter.all()).first().pagination()).isNotNull();
        assertThatThrownBy(() -> WorkspacesClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
