package io.vigie.alert.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses webhook URLs that would let whoever sets them make Vigie call inside its own network (SSRF): only http and
 * https, and no loopback, link-local (cloud metadata), private, carrier-grade NAT or multicast address unless
 * explicitly allowed. The host is resolved, so a public name pointing at a private address is refused too.
 */
public class WebhookUrlGuard {

    private final boolean allowPrivateAddresses;
    private final HostResolver resolver;

    public WebhookUrlGuard(boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, InetAddress::getAllByName);
    }

    WebhookUrlGuard(boolean allowPrivateAddresses, HostResolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the URL and how to fix it; the message names the
     *                                  host but never the whole URL, which may carry a secret token
     */
    public void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the webhook URL must start with http:// or https://, not '"
                    + (scheme.isEmpty() ? "(no scheme)" : scheme) + "'");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the webhook URL has no host");
        }
        if (allowPrivateAddresses) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the webhook host '" + host + "' does not resolve; check the name");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new IllegalArgumentException("the webhook host '" + host + "' resolves to "
                        + address.getHostAddress() + ", a loopback, link-local or private address; set "
                        + "vigie.alert.webhook.allow-private-addresses=true if the receiver is on your own network");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses: IPv6's private ranges.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not routable on the internet either.
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return (first == 100 && second >= 64 && second <= 127) || first == 0;
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}
