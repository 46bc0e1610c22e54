package io.workspaces.query.webhook;

import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbound address policy on its own, over generated addresses and spellings (the API tests go through HTTP). */
class WebhookAddressPolicyTest {

    private static final int GENERATED = 2000;
    private static final String NUMERIC = "must write an IPv4 address as four decimal numbers";

    @Test
    void everyForbiddenAddressIsRefusedInEverySpelling() {
        WebhookAddressPolicy policy = policy(List.of(), List.of("1-65535"), host -> {
            throw new AssertionError("a literal is never looked up: " + host);
        });
        ForbiddenAddresses.urlHosts().sampleStream().limit(GENERATED).forEach(host -> {
            WebhookAddressPolicy.Verdict verdict = policy.check("https://" + host + "/hooks");
            assertThat(verdict).as(host).isInstanceOf(WebhookAddressPolicy.Refused.class);
            String problem = ((WebhookAddressPolicy.Refused) verdict).problem();
            assertThat(problem).as(host).startsWith(ForbiddenAddresses.isStandardSpelling(host)
                    ? WebhookAddressPolicy.REFUSED_HOST : NUMERIC);
        });
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIsForbiddenAndAnswersAsIfItDidNotResolve() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("198.51.100.7");
        ForbiddenAddresses.resolved().sampleStream().limit(GENERATED).forEach(forbidden -> {
            for (InetAddress[] answer : List.of(new InetAddress[]{forbidden},
                    new InetAddress[]{publicAddress, forbidden}, new InetAddress[]{forbidden, publicAddress})) {
                WebhookAddressPolicy.Verdict verdict = policy(List.of(), List.of("443"), host -> answer)
                        .check("https://hooks.example.test/x");
                assertThat(verdict).as(forbidden.toString()).isEqualTo(new WebhookAddressPolicy.Refused(
                        WebhookAddressPolicy.REFUSED_HOST,
                        "its host resolves to " + AddressKind.of(forbidden).orElseThrow().description()));
            }
        });
        WebhookAddressPolicy.Verdict unresolvable = policy(List.of(), List.of("443"), host -> {
            throw new UnknownHostException(host);
        }).check("https://hooks.example.test/x");
        assertThat(((WebhookAddressPolicy.Refused) unresolvable).problem()).isEqualTo(WebhookAddressPolicy.REFUSED_HOST);
    }

    @Test
    void publicAddressesAreAdmittedAndAreTheOnesToConnectTo() {
        Arbitraries.bytes().array(byte[].class).ofSize(4).map(ForbiddenAddresses::address)
                .filter(address -> AddressKind.of(address).isEmpty())
                .sampleStream().limit(GENERATED).forEach(address -> {
                    WebhookAddressPolicy.Verdict verdict = policy(List.of(), List.of("443"),
                            host -> new InetAddress[]{address}).check("https://hooks.example.test/x");
                    assertThat(verdict).as(address.toString()).isInstanceOf(WebhookAddressPolicy.Admitted.class);
                    WebhookAddressPolicy.Admitted admitted = (WebhookAddressPolicy.Admitted) verdict;
                    assertThat(admitted.addresses()).containsExactly(address);
                    assertThat(admitted.target().host()).isEqualTo("hooks.example.test");
                    assertThat(admitted.target().port()).isEqualTo(443);
                });
    }

    @Test
    void theAllowListAdmitsItsBlocksAndNamesButNeverUnspecifiedMulticastOrBroadcast() throws Exception {
        WebhookAddressPolicy policy = policy(List.of("127.0.0.1/32", "10.20.0.0/16", "fd00::/8", "hooks.internal"),
                List.of("80"), host -> switch (host) {
                    case "hooks.internal" -> new InetAddress[]{InetAddress.getByName("192.168.1.9"),
                            InetAddress.getByName("::1")};
                    case "zero.internal" -> new InetAddress[]{InetAddress.getByName("0.0.0.0")};
                    default -> new InetAddress[]{InetAddress.getByName("10.20.3.4")};
                });
        for (String admitted : List.of("127.0.0.1", "[::ffff:127.0.0.1]", "10.20.255.1", "[fd12::1]", "hooks.internal",
                "HOOKS.INTERNAL.", "other.test")) {
            assertThat(policy.check("http://" + admitted + "/x")).as(admitted)
                    .isInstanceOf(WebhookAddressPolicy.Admitted.class);
        }
        for (String refused : List.of("127.0.0.2", "10.21.0.1", "[fc00::1]", "[::1]", "0.0.0.0", "224.0.0.1",
                "255.255.255.255", "zero.internal", "169.254.169.254")) {
            assertThat(policy.check("http://" + refused + "/x")).as(refused)
                    .isInstanceOf(WebhookAddressPolicy.Refused.class);
        }
        assertThat(policy(List.of("0.0.0.0/0", "::/0"), List.of("80"), host -> null).check("http://[::]/x"))
                .isInstanceOf(WebhookAddressPolicy.Refused.class);
    }

    @Test
    void onlyAllowedPortsAreAdmittedAndTheRefusalListsThem() {
        WebhookAddressPolicy policy = policy(List.of(), List.of("443", "8000-8999"), host -> {
            throw new AssertionError("a refused port needs no lookup");
        });
        for (String url : List.of("http://198.51.100.7/", "https://198.51.100.7:22/", "https://198.51.100.7:9000/",
                "https://hooks.example.test:7999/")) {
            assertThat(policy.check(url)).as(url).isEqualTo(new WebhookAddressPolicy.Refused(
                    "must use an allowed port: 443, 8000-8999", "its port is not allowed"));
        }
        for (String url : List.of("https://198.51.100.7/", "https://198.51.100.7:8000/", "http://198.51.100.7:8999/")) {
            assertThat(policy.check(url)).as(url).isInstanceOf(WebhookAddressPolicy.Admitted.class);
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndTheEntry() {
        for (String entry : List.of("10.0.0.0/33", "fd00::/129", "10.0.0/8", "127.0.0.1/", "2130706433", "::g",
                "hooks_internal", "*.internal", "http://hooks.internal")) {
            assertThatThrownBy(() -> properties(List.of(entry), List.of("443"))).as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("workspaces.webhooks.allowed-hosts (WORKSPACES_WEBHOOK_ALLOWED_HOSTS): '"
                            + entry + "' is ");
        }
        for (String entry : List.of("0", "65536", "8000-7000", "http", "80-", "-1")) {
            assertThatThrownBy(() -> properties(List.of(), List.of(entry))).as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("workspaces.webhooks.allowed-ports (WORKSPACES_WEBHOOK_ALLOWED_PORTS): '"
                            + entry + "' is ");
        }
        assertThatThrownBy(() -> properties(List.of(), List.of(" "))).hasMessageContaining("at least one port");
        assertThat(properties(List.of(" 127.0.0.1/8 ", "Hooks.Internal", "::1", ""), List.of("80", " 1024-65535 ")))
                .isNotNull();
    }

    @Test
    void aBadAllowListStopsTheStartWithAMessageNamingTheSetting() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(WithWebhookProperties.class)
                .withPropertyValues("workspaces.webhooks.retry-schedule=1s", "workspaces.webhooks.retry-jitter=0.2",
                        "workspaces.webhooks.request-timeout=2s", "workspaces.webhooks.concurrency=1",
                        "workspaces.webhooks.poll-interval=100ms", "workspaces.webhooks.allowed-ports=80,443",
                        "workspaces.webhooks.allowed-hosts=127.0.0.1/32,10.0.0.0/33")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessage(
                            "workspaces.webhooks.allowed-hosts (WORKSPACES_WEBHOOK_ALLOWED_HOSTS): '10.0.0.0/33' is "
                                    + "not a valid CIDR block: write an IPv4 address as four decimal numbers or an IPv6 "
                                    + "address, and a prefix length (0-32 for IPv4, 0-128 for IPv6), e.g. 10.1.0.0/16, "
                                    + "127.0.0.1/32 or fd00::/8");
                });
    }

    @EnableConfigurationProperties(WebhookProperties.class)
    static class WithWebhookProperties {
    }

    private static WebhookAddressPolicy policy(List<String> allowedHosts, List<String> allowedPorts,
                                               HostResolver resolver) {
        return new WebhookAddressPolicy(properties(allowedHosts, allowedPorts), resolver);
    }

    private static WebhookProperties properties(List<String> allowedHosts, List<String> allowedPorts) {
        return new WebhookProperties(List.of(Duration.ofSeconds(1)), 0.2, Duration.ofSeconds(2), 1,
                Duration.ofMillis(100), allowedHosts, allowedPorts);
    }
}
