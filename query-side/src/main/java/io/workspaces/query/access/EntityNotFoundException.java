package io.workspaces.query.access;

import io.workspaces.query.web.ProblemException;
import org.springframework.http.HttpStatus;

/** No live workspace the caller may read holds the entity; answered 404 whether it exists or not. */
class EntityNotFoundException extends ProblemException {
    public EntityNotFoundException(String type, String id) {
        super(HttpStatus.NOT_FOUND, "entity-not-found", "Entity not found", "no entity '" + type + "/" + id + "'");
    }
}
