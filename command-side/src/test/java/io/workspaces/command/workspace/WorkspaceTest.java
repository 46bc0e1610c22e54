package io.workspaces.command.workspace;

import io.workspaces.command.eventstore.AuditMetadataProvider;
import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.command.workspace.GrantRole;
import io.workspaces.command.workspace.LastAdminException;
import io.workspaces.command.workspace.NotAMemberException;
import io.workspaces.command.workspace.RemoveMember;
import io.workspaces.command.workspace.RoleGranted;
import io.workspaces.events.Description;
import io.workspaces.events.EntityRef;
import io.workspaces.events.EntityRegistered;
import io.workspaces.events.EntityUnregistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.MemberRemoved;
import io.workspaces.events.MemberRoleChanged;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceDescriptionUpdated;
import io.workspaces.events.WorkspaceName;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.instanceOf;

/**
 * The rules of the workspace aggregate (docs/domain.md), one given-when-then per rule and per rejection.
 *
 * <p>The fixture is wired like the application: the {@link AuditMetadataProvider} copies the command's audit
 * metadata (actor, request id, ...) onto every event, as Axon's Spring configuration does with the
 * {@code CorrelationDataProvider} bean. Given events carry their actor in their metadata, like stored events.
 */
class WorkspaceTest {

    private static final UUID ID = UUID.fromString("6f1c2a4e-0b7d-4c59-9a38-2e5f7d1b9c40");
    private static final String NAME = "research";
    private static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL = "carol";

    private static final EntityRef DATASET_1 = new EntityRef("dataset", "ds-1");
    private static final EntityRef DATASET_2 = new EntityRef("dataset", "ds-2");
    private static final EntityRef MODEL_1 = new EntityRef("model", "m-1");

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Workspace.class);
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(new AuditMetadataProvider()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // CreateWorkspace
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("CreateWorkspace")
    class Create {

        @Test
        void creatingAWorkspaceMakesTheCreatorItsFirstAdmin() {
            fixture.givenCurrentTime(NOW)
                    .when(new CreateWorkspace(ID, WorkspaceName.of(NAME), Description.of("our papers"),
                            Principal.of(ALICE), false), asCreator(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new WorkspaceCreated(ID, NAME, "our papers", false),
                            new MemberAdded(ID, ALICE, Role.ADMIN))
                    .expectNotMarkedDeleted()
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.id()).isEqualTo(ID);
                        assertThat(v.name()).isEqualTo(NAME);
                        assertThat(v.description()).isEqualTo("our papers");
                        assertThat(v.version()).isEqualTo(2);
                        assertThat(v.memberCount()).isEqualTo(1);
                        assertThat(v.entityCounts()).isEmpty();
                        assertThat(v.createdBy()).isEqualTo(ALICE);
                        assertThat(v.updatedBy()).isEqualTo(ALICE);
                        assertThat(v.createdAt()).isEqualTo(NOW);
                        assertThat(v.updatedAt()).isEqualTo(NOW);
                    }));
        }

        @Test
        void everyEventOfTheCommandCarriesTheAuditMetadataOfTheCommand() {
            fixture.givenNoPriorActivity()
                    .when(create(ALICE), Map.of(
                            EventMetadata.ACTOR, ALICE,
                            EventMetadata.PLATFORM_ROLES, List.of("workspace-creator"),
                            EventMetadata.REQUEST_ID, "req-42",
                            EventMetadata.CLIENT_ADDRESS, "192.0.2.7"))
                    .expectEventsMatching(eventsSatisfying(events -> {
                        assertThat(events).hasSize(2);
                        assertThat(events).allSatisfy(e -> {
                            assertThat(e.getMetaData()).containsEntry(EventMetadata.ACTOR, ALICE)
                                    .containsEntry(EventMetadata.PLATFORM_ROLES, List.of("workspace-creator"))
                                    .containsEntry(EventMetadata.REQUEST_ID, "req-42")
                                    .containsEntry(EventMetadata.CLIENT_ADDRESS, "192.0.2.7")
                                    .containsKey(EventMetadata.CAUSATION_ID)
                                    .doesNotContainKey(EventMetadata.IDEMPOTENCY_KEY);
                            assertThat(e.getTimestamp()).isEqualTo(fixture.currentTime());
                        });
                        assertThat(events.get(0).getMetaData().get(EventMetadata.CAUSATION_ID))
                                .isEqualTo(events.get(1).getMetaData().get(EventMetadata.CAUSATION_ID));
                    }));
        }

        @Test
        void theCreatorNeedNotBeTheActor() {
            // built-ins are created by the system actor with the system principal as creator; the admin is the
            // creator named in the command, the actor is whoever sent it
            fixture.givenNoPriorActivity()
                    .when(create(BOB), asCreator(ALICE))
                    .expectEvents(new WorkspaceCreated(ID, NAME, "", false), new MemberAdded(ID, BOB, Role.ADMIN))
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.createdBy()).isEqualTo(ALICE);
                        assertThat(v.memberCount()).isEqualTo(1);
                    }));
        }

        @Test
        void aBuiltInWorkspaceIsRecordedAsBuiltIn() {
            fixture.givenNoPriorActivity()
                    .when(new CreateWorkspace(ID, WorkspaceName.of("default"), Description.EMPTY, Principal.SYSTEM,
                            true), asPlatformAdmin(Principal.SYSTEM.value()))
                    .expectEvents(
                            new WorkspaceCreated(ID, "default", "", true),
                            new MemberAdded(ID, Principal.SYSTEM.value(), Role.ADMIN))
                    .expectResultMessagePayloadMatching(view(v -> assertThat(v.createdBy())
                            .isEqualTo(Principal.SYSTEM.value())));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // UpdateDescription
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("UpdateDescription")
    class Update {

        @Test
        void updatingTheDescriptionRecordsTheOldAndTheNewDescription() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(createdBy(ALICE, "first words"))
                    .andGiven(by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .andGivenCurrentTime(LATER)
                    .when(new UpdateDescription(ID, Description.of("better words"), null), as(BOB))
                    .expectEvents(new WorkspaceDescriptionUpdated(ID, "first words", "better words"))
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.description()).isEqualTo("better words");
                        assertThat(v.version()).isEqualTo(4);
                        assertThat(v.createdBy()).isEqualTo(ALICE);
                        assertThat(v.createdAt()).isEqualTo(NOW);
                        assertThat(v.updatedBy()).isEqualTo(BOB);
                        assertThat(v.updatedAt()).isEqualTo(LATER);
                    }));
        }

        @Test
        void anUnchangedDescriptionIsANoOp() {
            given(createdBy(ALICE, "same words"), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new UpdateDescription(ID, Description.of("same words"), null), as(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.version()).isEqualTo(3);
                        assertThat(v.updatedBy()).isEqualTo(ALICE);
                    }));
        }

        @Test
        void clearingTheDescriptionIsAChange() {
            given(createdBy(ALICE, "some words"))
                    .when(new UpdateDescription(ID, Description.EMPTY, null), as(ALICE))
                    .expectEvents(new WorkspaceDescriptionUpdated(ID, "some words", ""));
        }

        @Test
        void aStaleExpectedVersionIsRefused() {
            given(createdBy(ALICE, "first words"))
                    .when(new UpdateDescription(ID, Description.of("better words"), 1L), as(ALICE))
                    .expectException(allOf(instanceOf(VersionMismatchException.class),
                            satisfying(VersionMismatchException.class,
                                    e -> assertThat(e.currentVersion()).isEqualTo(2))))
                    .expectExceptionMessage("the workspace is at version 2, not 1 as If-Match requires")
                    .expectNoEvents();
        }

        @Test
        void aMatchingExpectedVersionIsAccepted() {
            given(createdBy(ALICE, "first words"))
                    .when(new UpdateDescription(ID, Description.of("better words"), 2L), as(ALICE))
                    .expectEvents(new WorkspaceDescriptionUpdated(ID, "first words", "better words"))
                    .expectResultMessagePayloadMatching(view(v -> assertThat(v.version()).isEqualTo(3)));
        }

        @Test
        void theVersionIsCheckedEvenWhenTheDescriptionIsUnchanged() {
            given(createdBy(ALICE, "same words"))
                    .when(new UpdateDescription(ID, Description.of("same words"), 7L), as(ALICE))
                    .expectException(VersionMismatchException.class)
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // expectedVersion (If-Match) on every command of a live workspace
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> commandsWithAStaleVersion() {
        Long stale = 1L;
        return Stream.of(
                Arguments.of("UpdateDescription", new UpdateDescription(ID, Description.of("x"), stale)),
                Arguments.of("GrantRole to a newcomer", new GrantRole(ID, Principal.of(CAROL), Role.VIEWER, stale)),
                Arguments.of("GrantRole to a member", new GrantRole(ID, Principal.of(BOB), Role.ADMIN, stale)),
                Arguments.of("RemoveMember", new RemoveMember(ID, Principal.of(BOB), stale)),
                Arguments.of("RegisterEntity", new RegisterEntity(ID, MODEL_1, stale)),
                Arguments.of("UnregisterEntity", new UnregisterEntity(ID, DATASET_1, stale)),
                Arguments.of("DeleteWorkspace", new DeleteWorkspace(ID, Description.EMPTY, stale)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsWithAStaleVersion")
    void everyCommandWithAStaleExpectedVersionIsRefused(String label, Object command) {
        // version 4: created, alice admin, bob viewer, dataset registered
        given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)),
                        by(ALICE, new EntityRegistered(ID, DATASET_1.type(), DATASET_1.id())))
                .when(command, as(ALICE))
                .expectException(VersionMismatchException.class)
                .expectExceptionMessage("the workspace is at version 4, not 1 as If-Match requires")
                .expectNoEvents();
    }

    // ---------------------------------------------------------------------------------------------------------
    // GrantRole: adds a newcomer, changes a member's role
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("GrantRole to a newcomer")
    class GrantToANewcomer {

        @Test
        void grantingARoleToANewcomerAddsThem() {
            given(createdBy(ALICE, ""))
                    .when(new GrantRole(ID, Principal.of(BOB), Role.EDITOR, null), as(ALICE))
                    .expectEvents(new MemberAdded(ID, BOB, Role.EDITOR))
                    .expectResultMessagePayloadMatching(granted(true, v -> {
                        assertThat(v.memberCount()).isEqualTo(2);
                        assertThat(v.version()).isEqualTo(3);
                        assertThat(v.updatedBy()).isEqualTo(ALICE);
                    }));
        }

        @Test
        void aRemovedMemberCanBeAddedAgain() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)),
                            by(ALICE, new MemberRemoved(ID, BOB, Role.EDITOR)))
                    .when(new GrantRole(ID, Principal.of(BOB), Role.VIEWER, 4L), as(ALICE))
                    .expectEvents(new MemberAdded(ID, BOB, Role.VIEWER))
                    .expectResultMessagePayloadMatching(granted(true, v -> assertThat(v.memberCount()).isEqualTo(2)));
        }

        @Test
        void theEveryoneBindingIsGrantedLikeAnyMember() {
            given(createdBy(ALICE, ""))
                    .when(new GrantRole(ID, Principal.EVERYONE, Role.EDITOR, null), as(ALICE))
                    .expectEvents(new MemberAdded(ID, "*", Role.EDITOR))
                    .expectResultMessagePayloadMatching(granted(true, v -> assertThat(v.memberCount()).isEqualTo(2)));
        }
    }

    @Nested
    @DisplayName("GrantRole to a member")
    class GrantToAMember {

        @Test
        void changingARoleRecordsTheOldAndTheNewRole() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)))
                    .when(new GrantRole(ID, Principal.of(BOB), Role.EDITOR, null), as(ALICE))
                    .expectEvents(new MemberRoleChanged(ID, BOB, Role.VIEWER, Role.EDITOR))
                    .expectResultMessagePayloadMatching(granted(false, v -> {
                        assertThat(v.version()).isEqualTo(4);
                        assertThat(v.memberCount()).isEqualTo(2);
                    }));
        }

        @Test
        void grantingTheRoleAMemberHoldsIsANoOp() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new GrantRole(ID, Principal.of(BOB), Role.EDITOR, null), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(granted(false, v -> assertThat(v.version()).isEqualTo(3)));
        }

        @Test
        void confirmingTheLastAdminAsAdminIsANoOpNotARefusal() {
            given(createdBy(ALICE, ""))
                    .when(new GrantRole(ID, Principal.of(ALICE), Role.ADMIN, null), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void demotingTheLastAdminIsRefused() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new GrantRole(ID, Principal.of(ALICE), Role.EDITOR, null), as(ALICE))
                    .expectException(LastAdminException.class)
                    .expectExceptionMessage("'alice' is the last admin; make someone else admin first")
                    .expectNoEvents();
        }

        @Test
        void demotingOneOfTwoAdminsIsAllowed() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.ADMIN)))
                    .when(new GrantRole(ID, Principal.of(ALICE), Role.VIEWER, null), as(BOB))
                    .expectEvents(new MemberRoleChanged(ID, ALICE, Role.ADMIN, Role.VIEWER))
                    .expectResultMessagePayloadMatching(granted(false, v -> assertThat(v.updatedBy()).isEqualTo(BOB)));
        }

        @Test
        void demotingTheLastAdminIsRefusedEvenAfterAnotherAdminLeft() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.ADMIN)),
                            by(BOB, new MemberRemoved(ID, BOB, Role.ADMIN)))
                    .when(new GrantRole(ID, Principal.of(ALICE), Role.VIEWER, null), as(ALICE))
                    .expectException(LastAdminException.class)
                    .expectNoEvents();
        }

        @Test
        void theEveryoneBindingDoesNotCountAsTheAdminThatMustRemain() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.ADMIN)))
                    .when(new GrantRole(ID, Principal.of(ALICE), Role.EDITOR, null), as(ALICE))
                    .expectException(LastAdminException.class)
                    .expectNoEvents();
        }

        @Test
        void anEveryoneAdminBindingCanAlwaysBeDemoted() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.ADMIN)))
                    .when(new GrantRole(ID, Principal.EVERYONE, Role.VIEWER, null), as(ALICE))
                    .expectEvents(new MemberRoleChanged(ID, "*", Role.ADMIN, Role.VIEWER));
        }

        @Test
        void promotingAMemberToAdminIsAllowed() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)))
                    .when(new GrantRole(ID, Principal.of(BOB), Role.ADMIN, null), as(ALICE))
                    .expectEvents(new MemberRoleChanged(ID, BOB, Role.VIEWER, Role.ADMIN));
        }

        @Test
        void theEveryoneBindingsRoleCanBeChangedLikeAnyMembers() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.VIEWER)))
                    .when(new GrantRole(ID, Principal.EVERYONE, Role.EDITOR, null), as(ALICE))
                    .expectEvents(new MemberRoleChanged(ID, "*", Role.VIEWER, Role.EDITOR));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // BindEveryone: the service's start-up binding of the built-in workspaces
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("BindEveryone")
    class Bind {

        @Test
        void bindsEveryoneWhenTheWorkspaceHasNoBinding() {
            given(createdBy(ALICE, ""))
                    .when(new BindEveryone(ID, Role.VIEWER), asPlatformAdmin(Principal.SYSTEM.value()))
                    .expectEvents(new MemberAdded(ID, "*", Role.VIEWER));
        }

        @Test
        void neverChangesABindingAnAdminChose() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.EDITOR)))
                    .when(new BindEveryone(ID, Role.VIEWER), asPlatformAdmin(Principal.SYSTEM.value()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // RemoveMember
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("RemoveMember")
    class Remove {

        @Test
        void removingAMemberRecordsTheRoleTheyHeld() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new RemoveMember(ID, Principal.of(BOB), null), as(ALICE))
                    .expectEvents(new MemberRemoved(ID, BOB, Role.EDITOR))
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.memberCount()).isEqualTo(1);
                        assertThat(v.version()).isEqualTo(4);
                    }));
        }

        @Test
        void removingTheRoleHeldAfterAChangeRecordsTheCurrentRole() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)),
                            by(ALICE, new MemberRoleChanged(ID, BOB, Role.VIEWER, Role.EDITOR)))
                    .when(new RemoveMember(ID, Principal.of(BOB), null), as(ALICE))
                    .expectEvents(new MemberRemoved(ID, BOB, Role.EDITOR));
        }

        @Test
        void removingTheLastAdminIsRefused() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new RemoveMember(ID, Principal.of(ALICE), null), as(ALICE))
                    .expectException(LastAdminException.class)
                    .expectExceptionMessage("'alice' is the last admin; make someone else admin first")
                    .expectNoEvents();
        }

        @Test
        void removingTheLastAdminIsRefusedEvenWhenTheyAreTheOnlyMember() {
            given(createdBy(ALICE, ""))
                    .when(new RemoveMember(ID, Principal.of(ALICE), null), as(ALICE))
                    .expectException(LastAdminException.class)
                    .expectNoEvents();
        }

        @Test
        void removingTheLastNamedAdminIsRefusedEvenWhenEveryoneIsAdmin() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.ADMIN)))
                    .when(new RemoveMember(ID, Principal.of(ALICE), null), as(ALICE))
                    .expectException(LastAdminException.class)
                    .expectNoEvents();
        }

        @Test
        void anEveryoneAdminBindingCanAlwaysBeRemoved() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.ADMIN)))
                    .when(new RemoveMember(ID, Principal.EVERYONE, null), as(ALICE))
                    .expectEvents(new MemberRemoved(ID, "*", Role.ADMIN));
        }

        @Test
        void removingOneOfTwoAdminsIsAllowed() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.ADMIN)))
                    .when(new RemoveMember(ID, Principal.of(ALICE), null), as(BOB))
                    .expectEvents(new MemberRemoved(ID, ALICE, Role.ADMIN))
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.memberCount()).isEqualTo(1);
                        assertThat(v.createdBy()).isEqualTo(ALICE);
                        assertThat(v.updatedBy()).isEqualTo(BOB);
                    }));
        }

        @Test
        void removingANonMemberIsRefused() {
            given(createdBy(ALICE, ""))
                    .when(new RemoveMember(ID, Principal.of(CAROL), null), as(ALICE))
                    .expectException(NotAMemberException.class)
                    .expectExceptionMessage("'carol' is not a member of this workspace")
                    .expectNoEvents();
        }

        @Test
        void removingAMemberTwiceIsRefusedTheSecondTime() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)),
                            by(ALICE, new MemberRemoved(ID, BOB, Role.EDITOR)))
                    .when(new RemoveMember(ID, Principal.of(BOB), null), as(ALICE))
                    .expectException(NotAMemberException.class)
                    .expectNoEvents();
        }

        @Test
        void theEveryoneBindingCanBeRemovedLikeAnyMember() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.EDITOR)))
                    .when(new RemoveMember(ID, Principal.EVERYONE, null), as(ALICE))
                    .expectEvents(new MemberRemoved(ID, "*", Role.EDITOR));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // RegisterEntity / UnregisterEntity
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("RegisterEntity / UnregisterEntity")
    class Entities {

        @Test
        void registeringAnEntityRecordsIt() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new RegisterEntity(ID, DATASET_1, null), as(BOB))
                    .expectEvents(new EntityRegistered(ID, "dataset", "ds-1"))
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.entityCounts()).containsExactly(Map.entry("dataset", 1));
                        assertThat(v.version()).isEqualTo(4);
                        assertThat(v.updatedBy()).isEqualTo(BOB);
                    }));
        }

        @Test
        void registeringTheSameEntityAgainIsANoOp() {
            given(createdBy(ALICE, ""), registered(DATASET_1))
                    .when(new RegisterEntity(ID, DATASET_1, null), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.entityCounts()).containsExactly(Map.entry("dataset", 1));
                        assertThat(v.version()).isEqualTo(3);
                    }));
        }

        @Test
        void theSameIdUnderAnotherTypeIsAnotherEntity() {
            given(createdBy(ALICE, ""), registered(DATASET_1))
                    .when(new RegisterEntity(ID, new EntityRef("model", DATASET_1.id()), null), as(ALICE))
                    .expectEvents(new EntityRegistered(ID, "model", "ds-1"))
                    .expectResultMessagePayloadMatching(view(v -> assertThat(v.entityCounts())
                            .isEqualTo(Map.of("dataset", 1, "model", 1))));
        }

        @Test
        void unregisteringAnEntityRecordsIt() {
            given(createdBy(ALICE, ""), registered(DATASET_1), registered(MODEL_1))
                    .when(new UnregisterEntity(ID, DATASET_1, null), as(ALICE))
                    .expectEvents(new EntityUnregistered(ID, "dataset", "ds-1"))
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.entityCounts()).containsExactly(Map.entry("model", 1));
                        assertThat(v.version()).isEqualTo(5);
                    }));
        }

        @Test
        void unregisteringAnUnknownEntityIsANoOp() {
            given(createdBy(ALICE, ""), registered(DATASET_1))
                    .when(new UnregisterEntity(ID, DATASET_2, null), as(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(view(v -> assertThat(v.version()).isEqualTo(3)));
        }

        @Test
        void unregisteringTwiceIsANoOpTheSecondTime() {
            given(createdBy(ALICE, ""), registered(DATASET_1),
                            by(ALICE, new EntityUnregistered(ID, DATASET_1.type(), DATASET_1.id())))
                    .when(new UnregisterEntity(ID, DATASET_1, null), as(ALICE))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(view(v -> assertThat(v.entityCounts()).isEmpty()));
        }

        @Test
        void anUnregisteredEntityCanBeRegisteredAgain() {
            given(createdBy(ALICE, ""), registered(DATASET_1),
                            by(ALICE, new EntityUnregistered(ID, DATASET_1.type(), DATASET_1.id())))
                    .when(new RegisterEntity(ID, DATASET_1, null), as(ALICE))
                    .expectEvents(new EntityRegistered(ID, "dataset", "ds-1"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // DeleteWorkspace
    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("DeleteWorkspace")
    class Delete {

        @Test
        void theReasonForADeletionIsRecorded() {
            given(createdBy(ALICE, ""))
                    .when(new DeleteWorkspace(ID, Description.of("project ended"), null), as(ALICE))
                    .expectEvents(new WorkspaceDeleted(ID, NAME, "project ended"));
        }

        @Test
        void deletingAnEmptyWorkspaceRecordsItAndMarksTheAggregateDeleted() {
            given(createdBy(ALICE, ""))
                    .when(new DeleteWorkspace(ID, Description.EMPTY, 2L), as(ALICE))
                    .expectEvents(new WorkspaceDeleted(ID, NAME, ""))
                    .expectMarkedDeleted()
                    .expectResultMessagePayloadMatching(view(v -> {
                        assertThat(v.version()).isEqualTo(3);
                        assertThat(v.updatedBy()).isEqualTo(ALICE);
                    }));
        }

        @Test
        void deletingAWorkspaceWithRegisteredEntitiesIsRefusedWithTheirCountsByType() {
            given(createdBy(ALICE, ""), registered(DATASET_1), registered(MODEL_1), registered(DATASET_2))
                    .when(new DeleteWorkspace(ID, Description.EMPTY, null), as(ALICE))
                    .expectException(allOf(instanceOf(WorkspaceNotEmptyException.class),
                            satisfying(WorkspaceNotEmptyException.class, e -> assertThat(e.entityCounts())
                                    .isEqualTo(Map.of("dataset", 2, "model", 1)))))
                    .expectExceptionMessage(
                            "workspace 'research' contains 2 dataset, 1 model; unregister them first")
                    .expectNoEvents();
        }

        @Test
        void deletingAfterEveryEntityWasUnregisteredIsAllowed() {
            given(createdBy(ALICE, ""), registered(DATASET_1),
                            by(ALICE, new EntityUnregistered(ID, DATASET_1.type(), DATASET_1.id())))
                    .when(new DeleteWorkspace(ID, Description.EMPTY, null), as(ALICE))
                    .expectEvents(new WorkspaceDeleted(ID, NAME, ""))
                    .expectMarkedDeleted();
        }

        @Test
        void deletingABuiltInWorkspaceIsRefused() {
            given(by(Principal.SYSTEM.value(), new WorkspaceCreated(ID, "default", "", true)),
                            by(Principal.SYSTEM.value(), new MemberAdded(ID, Principal.SYSTEM.value(), Role.ADMIN)))
                    .when(new DeleteWorkspace(ID, Description.EMPTY, null), as(Principal.SYSTEM.value()))
                    .expectException(BuiltInWorkspaceException.class)
                    .expectExceptionMessage("workspace 'default' is built in and cannot be deleted")
                    .expectNoEvents();
        }

        @Test
        void theBuiltInRuleComesBeforeTheNotEmptyRule() {
            given(by(Principal.SYSTEM.value(), new WorkspaceCreated(ID, "default", "", true)),
                            by(Principal.SYSTEM.value(), new MemberAdded(ID, Principal.SYSTEM.value(), Role.ADMIN)),
                            registered(DATASET_1))
                    .when(new DeleteWorkspace(ID, Description.EMPTY, null), as(Principal.SYSTEM.value()))
                    .expectException(BuiltInWorkspaceException.class)
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Who may do what (docs/domain.md, roles and permissions)
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> everyCommandOnAWorkspace() {
        return Stream.of(
                Arguments.of("UpdateDescription", new UpdateDescription(ID, Description.of("x"), null)),
                Arguments.of("GrantRole to a newcomer", new GrantRole(ID, Principal.of(CAROL), Role.VIEWER, null)),
                Arguments.of("GrantRole to a member", new GrantRole(ID, Principal.of(BOB), Role.ADMIN, null)),
                Arguments.of("RemoveMember", new RemoveMember(ID, Principal.of(BOB), null)),
                Arguments.of("RegisterEntity", new RegisterEntity(ID, MODEL_1, null)),
                Arguments.of("UnregisterEntity", new UnregisterEntity(ID, DATASET_1, null)),
                Arguments.of("DeleteWorkspace", new DeleteWorkspace(ID, Description.EMPTY, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandOnAWorkspace")
    void aCallerWhoCannotReadTheWorkspaceIsToldItDoesNotExist(String label, Object command) {
        given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)))
                .when(command, as(CAROL))
                .expectException(WorkspaceNotFoundException.class)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandOnAWorkspace")
    void anAuditorSeesEveryWorkspaceButChangesNothing(String label, Object command) {
        given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)))
                .when(command, asAuditor(CAROL))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandOnAWorkspace")
    void aViewerChangesNothing(String label, Object command) {
        given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)), registered(DATASET_1))
                .when(command, as(BOB))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandOnAWorkspace")
    void aPlatformAdminMayDoAnythingWithoutBeingAMember(String label, Object command) {
        given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)),
                        by(ALICE, new MemberAdded(ID, "dave", Role.ADMIN)))
                .when(command, asPlatformAdmin(CAROL))
                .expectSuccessfulHandlerExecution();
    }

    @Nested
    @DisplayName("Access")
    class Access {

        @Test
        void creatingAWorkspaceNeedsTheWorkspaceCreatorRole() {
            fixture.givenNoPriorActivity()
                    .when(create(ALICE), as(ALICE))
                    .expectException(ForbiddenException.class)
                    .expectExceptionMessage("creating a workspace needs the workspace-creator or platform-admin role")
                    .expectNoEvents();
        }

        @Test
        void anAuditorMayNotCreateAWorkspace() {
            fixture.givenNoPriorActivity()
                    .when(create(ALICE), asAuditor(ALICE))
                    .expectException(ForbiddenException.class)
                    .expectNoEvents();
        }

        @Test
        void aPlatformAdminMayCreateAWorkspace() {
            fixture.givenNoPriorActivity()
                    .when(create(ALICE), asPlatformAdmin(ALICE))
                    .expectEvents(new WorkspaceCreated(ID, NAME, "", false), new MemberAdded(ID, ALICE, Role.ADMIN));
        }

        @Test
        void anEditorMayChangeTheDescriptionAndTheEntities() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new RegisterEntity(ID, MODEL_1, null), as(BOB))
                    .expectEvents(new EntityRegistered(ID, "model", "m-1"));
        }

        @Test
        void anEditorMayNotManageMembersOrDelete() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new GrantRole(ID, Principal.of(CAROL), Role.VIEWER, null), as(BOB))
                    .expectException(ForbiddenException.class)
                    .expectExceptionMessage("to grant roles you need the admin role in workspace 'research'; "
                            + "you are editor")
                    .expectNoEvents();
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new DeleteWorkspace(ID, Description.EMPTY, null), as(BOB))
                    .expectException(ForbiddenException.class)
                    .expectNoEvents();
        }

        @Test
        void theEveryoneBindingGivesEveryCallerItsRole() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.EDITOR)))
                    .when(new UpdateDescription(ID, Description.of("by anyone"), null), as(CAROL))
                    .expectEvents(new WorkspaceDescriptionUpdated(ID, "", "by anyone"));
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.EDITOR)))
                    .when(new GrantRole(ID, Principal.of(CAROL), Role.ADMIN, null), as(CAROL))
                    .expectException(ForbiddenException.class)
                    .expectNoEvents();
        }

        @Test
        void aMembersOwnRoleCountsWhenItIsAboveTheEveryoneBinding() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, "*", Role.VIEWER)),
                            by(ALICE, new MemberAdded(ID, BOB, Role.EDITOR)))
                    .when(new UpdateDescription(ID, Description.of("by bob"), null), as(BOB))
                    .expectEvents(new WorkspaceDescriptionUpdated(ID, "", "by bob"));
        }

        @Test
        void accessIsCheckedBeforeTheVersion() {
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)))
                    .when(new UpdateDescription(ID, Description.of("x"), 1L), as(CAROL))
                    .expectException(WorkspaceNotFoundException.class);
            given(createdBy(ALICE, ""), by(ALICE, new MemberAdded(ID, BOB, Role.VIEWER)))
                    .when(new UpdateDescription(ID, Description.of("x"), 1L), as(BOB))
                    .expectException(ForbiddenException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // After WorkspaceDeleted
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> commandsOnADeletedWorkspace() {
        return Stream.of(
                Arguments.of("UpdateDescription", new UpdateDescription(ID, Description.of("x"), null)),
                Arguments.of("GrantRole to a newcomer", new GrantRole(ID, Principal.of(CAROL), Role.VIEWER, null)),
                Arguments.of("GrantRole to a member", new GrantRole(ID, Principal.of(ALICE), Role.VIEWER, null)),
                Arguments.of("BindEveryone", new BindEveryone(ID, Role.VIEWER)),
                Arguments.of("RemoveMember", new RemoveMember(ID, Principal.of(ALICE), null)),
                Arguments.of("RegisterEntity", new RegisterEntity(ID, MODEL_1, null)),
                Arguments.of("UnregisterEntity", new UnregisterEntity(ID, DATASET_1, null)),
                Arguments.of("DeleteWorkspace", new DeleteWorkspace(ID, Description.EMPTY, null)),
                // with the version the deleted workspace had: still "deleted", not a version mismatch
                Arguments.of("DeleteWorkspace at version 3", new DeleteWorkspace(ID, Description.EMPTY, 3L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOnADeletedWorkspace")
    void everyCommandAfterDeletionFindsTheAggregateDeleted(String label, Object command) {
        given(createdBy(ALICE, ""), by(ALICE, new WorkspaceDeleted(ID, NAME, "")))
                .when(command, as(ALICE))
                .expectException(AggregateDeletedException.class)
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    /** The workspace's history so far: events (with metadata) or lists of them, in order. */
    private TestExecutor<Workspace> given(Object... history) {
        List<Object> events = new ArrayList<>();
        for (Object part : history) {
            if (part instanceof List<?> list) {
                events.addAll(list);
            } else {
                events.add(part);
            }
        }
        return fixture.given(events);
    }

    /** Command metadata of a caller without platform roles. */
    private static Map<String, Object> as(String actor) {
        return Map.of(EventMetadata.ACTOR, actor);
    }

    private static Map<String, Object> asCreator(String actor) {
        return Map.of(EventMetadata.ACTOR, actor, EventMetadata.PLATFORM_ROLES, List.of("workspace-creator"));
    }

    private static Map<String, Object> asPlatformAdmin(String actor) {
        return Map.of(EventMetadata.ACTOR, actor, EventMetadata.PLATFORM_ROLES, List.of("platform-admin"));
    }

    private static Map<String, Object> asAuditor(String actor) {
        return Map.of(EventMetadata.ACTOR, actor, EventMetadata.PLATFORM_ROLES, List.of("auditor"));
    }

    private static CreateWorkspace create(String creator) {
        return new CreateWorkspace(ID, WorkspaceName.of(NAME), Description.EMPTY, Principal.of(creator), false);
    }

    /** A past event as the store holds it: with the acting principal in its metadata. */
    private static EventMessage<?> by(String actor, Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(as(actor));
    }

    /** The two events of a create: the workspace {@link #NAME} and its creator as admin. */
    private static List<EventMessage<?>> createdBy(String creator, String description) {
        return List.of(by(creator, new WorkspaceCreated(ID, NAME, description, false)),
                by(creator, new MemberAdded(ID, creator, Role.ADMIN)));
    }

    private static EventMessage<?> registered(EntityRef entity) {
        return by(ALICE, new EntityRegistered(ID, entity.type(), entity.id()));
    }

    private static Matcher<WorkspaceView> view(Consumer<WorkspaceView> assertions) {
        return satisfying(WorkspaceView.class, assertions);
    }

    private static Matcher<RoleGranted> granted(boolean added, Consumer<WorkspaceView> assertions) {
        return satisfying(RoleGranted.class, granted -> {
            assertThat(granted.added()).as("added").isEqualTo(added);
            assertions.accept(granted.workspace());
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<EventMessage<?>>> eventsSatisfying(Consumer<List<EventMessage<?>>> assertions) {
        return (Matcher) satisfying(List.class, list -> assertions.accept((List<EventMessage<?>>) list));
    }

    /**
     * A Hamcrest matcher for the fixture's {@code expect...Matching} methods that runs AssertJ assertions. A failed
     * assertion is not turned into a bare "does not match": it propagates, so the test fails with AssertJ's own
     * message (what was expected, what was found).
     */
    private static <T> Matcher<T> satisfying(Class<T> type, Consumer<T> assertions) {
        return new TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item) {
                assertions.accept(item);
                return true;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a " + type.getSimpleName() + " satisfying the assertions");
            }
        };
    }
}
