package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print a bearer token for local use, as ./token.sh does: a JWT (HS256) signed with the local "
                + "secret, valid for an hour.",
                "Secret: WORKSPACES_JWT_HMAC_SECRET, else .local/jwt-hmac-secret of the repository (./run.sh creates it); "
                        + "issuer: WORKSPACES_JWT_ISSUER (default workspaces-local); lifetime: WORKSPACES_TOKEN_TTL "
                        + "seconds (3600)."},
        footerHeading = "%nExamples%n",
        footer = {
                "  export WORKSPACES_TOKEN=$(./workspaces token alice workspace-creator)",
                "  ./workspaces --token \"$(./workspaces token audrey auditor)\" audit verify",
                "  ./workspaces token root platform-admin --ttl 600",
                "Exit codes: 0 ok, 1 no secret yet, 2 invalid principal or role"})
final class TokenCommand extends BaseCommand {

    static final String SECRET_ENV = "WORKSPACES_JWT_HMAC_SECRET";
    static final String ISSUER_ENV = "WORKSPACES_JWT_ISSUER";
    static final String TTL_ENV = "WORKSPACES_TOKEN_TTL";

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "the principal (the token's sub)")
    String subject;

    @Parameters(index = "1..*", paramLabel = "ROLE", completionCandidates = Candidates.PlatformRoles.class,
            description = "platform roles: ${COMPLETION-CANDIDATES}")
    List<String> roles = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "lifetime (default: WORKSPACES_TOKEN_TTL or 3600)")
    Long ttl;

    @Option(names = "--issuer", paramLabel = "ISS", description = "the iss claim (default: WORKSPACES_JWT_ISSUER or workspaces-local)")
    String issuer;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "read the HMAC secret from this file (default: WORKSPACES_JWT_HMAC_SECRET, else .local/jwt-hmac-secret)")
    Path secretFile;

    @Override
    public Integer call() {
        String problem = LocalTokens.principalProblem(subject);
        if (problem != null) {
            throw new CliException(ExitCodes.INVALID, problem);
        }
        for (String role : roles) {
            if (!LocalTokens.PLATFORM_ROLES.contains(role)) {
                throw new CliException(ExitCodes.INVALID, "unknown platform role '" + Terminal.clean(role)
                        + "' (platform-admin, workspace-creator, auditor, access-checker)");
            }
        }
        long lifetime = ttl != null ? ttl : ttlFromEnvironment();
        if (lifetime < 1) {
            throw new CliException(ExitCodes.INVALID, "--ttl must be at least 1 second");
        }
        String iss = issuer != null ? issuer : io().env(ISSUER_ENV) != null ? io().env(ISSUER_ENV) : "workspaces-local";
        Instant now = Instant.now();
        String token = LocalTokens.mint(secret(), iss, subject, roles, now, lifetime);
        if (json()) {
            ObjectNode result = Json.object().put("token", token).put("subject", subject);
            roles.forEach(result.putArray("roles")::add);
            result.put("issuer", iss).put("expires_at", now.plusSeconds(lifetime).toString());
            printJson(result);
        } else {
            out().println(token);
        }
        return ExitCodes.OK;
    }

    private long ttlFromEnvironment() {
        String raw = io().env(TTL_ENV);
        try {
            return raw == null ? 3600 : Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.INVALID, TTL_ENV + " must be a number of seconds, not '" + Terminal.clean(raw) + "'");
        }
    }

    private String secret() {
        if (secretFile == null && io().env(SECRET_ENV) != null) {
            return io().env(SECRET_ENV);
        }
        Path file = secretFile != null ? secretFile : home().resolve(".local").resolve("jwt-hmac-secret");
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.ERROR, secretFile != null ? "no secret file " + file
                    : "no secret yet: start the service with ./run.sh once, or set " + SECRET_ENV);
        }
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new CliException(ExitCodes.ERROR, "the secret file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read the secret file " + file + ": " + e.getMessage());
        }
    }

    /** The repository the launcher lives in (-Dworkspaces.home), else the current directory. */
    private static Path home() {
        String home = System.getProperty("workspaces.home");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }
}
