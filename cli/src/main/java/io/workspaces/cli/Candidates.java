package io.workspaces.cli;

import java.util.Iterator;
import java.util.List;

/** Completion candidates (and the values shown in --help) of options that take one of a few words. */
final class Candidates {

    private Candidates() {
    }

    static final class Roles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("viewer", "editor", "admin").iterator();
        }
    }

    static final class PlatformRoles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("workspace-creator", "platform-admin", "auditor", "access-checker").iterator();
        }
    }

    static final class WorkspaceSorts implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("-created_at", "created_at", "name", "-name", "updated_at", "-updated_at").iterator();
        }
    }

    static final class MemberSorts implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("principal", "-principal", "granted_at", "-granted_at").iterator();
        }
    }

    static final class NameSorts implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("name", "-name").iterator();
        }
    }

    static final class EventTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("workspace.created", "workspace.description-updated", "workspace.member-added",
                    "workspace.member-role-changed", "workspace.member-removed", "workspace.entity-registered",
                    "workspace.entity-unregistered", "workspace.deleted").iterator();
        }
    }
}
