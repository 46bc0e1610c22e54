package io.workspaces.query.access;

/** No live workspace the caller may read holds the entity; answered 404 whether it exists or not. */
public class EntityNotFoundException extends RuntimeException {
    public EntityNotFoundException(String type, String id) {
        super("no entity '" + type + "/" + id + "'", null, false, false);
    }
}
