package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "100.64.0.1", "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "255.255.255.255", "224.0.0.1",
        "240.0.0.1", "198.18.0.1", "192.0.2.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
        "fec0::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
        "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2001:0::1", "2001:db8::1"})
    void nonPublicAddresses(String literal) throws Exception {
        assertThat(AddressRules.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111",
        "::ffff:8.8.8.8", "2002:0808:0808::1", "64:ff9b::808:808"})
    void publicAddresses(String literal) throws Exception {
        assertThat(AddressRules.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @Test
    void publicChecksEveryResolvedAddressAndReturnsThem() throws Exception {
        InetAddress good = InetAddress.getByName("93.184.215.14");
        InetAddress bad = InetAddress.getByName("127.0.0.1");
        EgressPolicy mixed = EgressPolicy.PUBLIC.withResolver(h -> new InetAddress[] {good, bad});
        assertThatThrownBy(() -> mixed.check("rebind.example", 443)).isInstanceOf(ProxyRefusal.class)
                .hasMessageContaining("non-public address (127.0.0.1)");
        EgressPolicy ok = EgressPolicy.PUBLIC.withResolver(h -> new InetAddress[] {good});
        assertThat(ok.check("Example.COM.", 443)).containsExactly(good);
    }

    @Test
    void allowlistMatchesHostAndPortAndLiteralEntriesMayBePrivate() throws Exception {
        EgressPolicy p = EgressPolicy.of("allowlist", List.of("127.0.0.1:8080", "docs.example", "[::1]:9000"))
                .withResolver(h -> h.equals("docs.example") ? new InetAddress[] {InetAddress.getByName("10.0.0.5")}
                        : InetAddress.getAllByName(h));
        assertThat(p.check("127.0.0.1", 8080)).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(p.check("[::1]", 9000)).hasSize(1);
        assertThatThrownBy(() -> p.check("127.0.0.1", 8081)).hasMessageContaining("not on this group's egress allowlist");
        assertThatThrownBy(() -> p.check("localhost", 8080)).hasMessageContaining("not on this group's egress allowlist");
        assertThatThrownBy(() -> p.check("other.example", 443)).hasMessageContaining("not on this group's egress allowlist");
        // a hostname entry whose DNS answer is private is refused: only IP literals may name private addresses
        assertThatThrownBy(() -> p.check("docs.example", 443)).hasMessageContaining("non-public address (10.0.0.5)");
    }

    @Test
    void noneRefusesEverythingAndBadInputIsRejected() {
        assertThatThrownBy(() -> EgressPolicy.of("none", List.of()).check("example.com", 443))
                .hasMessageContaining("policy none");
        assertThatThrownBy(() -> EgressPolicy.of("open", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.of("allowlist", List.of("host:99999"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.of("allowlist", List.of("a b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.PUBLIC.check("exa mple.com", 80)).hasMessageContaining("malformed host");
        assertThatThrownBy(() -> EgressPolicy.PUBLIC.check("example.com", 0)).hasMessageContaining("invalid port");
        assertThat(EgressPolicy.of(null, null).mode()).isEqualTo(EgressPolicy.Mode.PUBLIC);
    }
}
