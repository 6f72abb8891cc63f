package io.vigie.alert.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookUrlGuardTests {

    private final WebhookUrlGuard guard = new WebhookUrlGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://0.0.0.0/hook",
            "http://10.1.2.3/hook", "http://172.16.0.9/hook", "http://192.168.1.10/hook",
            "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/hook", "http://[fd00::1]/hook",
            "http://[fe80::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://224.0.0.1/hook"})
    void refusesInternalAddresses(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow-private-addresses=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.215.14/hook", "file:///etc/passwd", "gopher://93.184.215.14/", "//93.184.215.14/x"})
    void refusesOtherSchemes(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void acceptsPublicAddresses() {
        assertThatCode(() -> guard.check(URI.create("https://93.184.215.14/hooks/T000/B000/secret")))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://[2606:4700:4700::1111]/hook")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAPublicNameThatResolvesToAPrivateAddress() {
        WebhookUrlGuard resolving = new WebhookUrlGuard(false,
                host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.5")});

        assertThatThrownBy(() -> resolving.check(URI.create("https://hooks.example.com/x")))
                .hasMessageContaining("hooks.example.com").hasMessageContaining("10.0.0.5");
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        WebhookUrlGuard unresolved = new WebhookUrlGuard(false, host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> unresolved.check(URI.create("https://nowhere.invalid/x")))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void neverRepeatsTheUrlWhichMayHoldASecret() {
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1/hooks/secret-token")))
                .message().doesNotContain("secret-token");
    }

    @Test
    void privateAddressesPassWhenExplicitlyAllowed() {
        WebhookUrlGuard permissive = new WebhookUrlGuard(true);

        assertThatCode(() -> permissive.check(URI.create("http://127.0.0.1:9999/hook"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> permissive.check(URI.create("ftp://127.0.0.1/hook")))
                .hasMessageContaining("http:// or https://");
    }
}
