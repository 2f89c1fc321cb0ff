package dev.pincer.host.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which resolved addresses count as "public" for the {@code public} egress policy. Everything a
 * sandbox could use to reach the host, its LAN or the cloud's metadata service is not public:
 * loopback, private, CGNAT, link-local (incl. 169.254.169.254), multicast, {@code 0.0.0.0/8},
 * reserved and broadcast, documentation and benchmark ranges; for IPv6 loopback, unspecified,
 * unique-local, link- and site-local, multicast, and IPv4 addresses embedded in IPv6 (mapped,
 * compatible, NAT64, 6to4, Teredo) are judged as the IPv4 address they carry.
 */
final class AddressRules {
    private AddressRules() {}

    /** {network, prefix length} pairs of IPv4 ranges that are never public. */
    private static final int[][] V4_DENIED = {
        {0x00000000, 8},    // 0.0.0.0/8 "this network"
        {0x0A000000, 8},    // 10/8
        {0x64400000, 10},   // 100.64/10 CGNAT
        {0x7F000000, 8},    // 127/8 loopback
        {0xA9FE0000, 16},   // 169.254/16 link-local, cloud metadata
        {0xAC100000, 12},   // 172.16/12
        {0xC0000000, 24},   // 192.0.0/24 IETF protocol assignments
        {0xC0000200, 24},   // 192.0.2/24 TEST-NET-1
        {0xC0586300, 24},   // 192.88.99/24 6to4 relay anycast
        {0xC0A80000, 16},   // 192.168/16
        {0xC6120000, 15},   // 198.18/15 benchmarking
        {0xC6336400, 24},   // 198.51.100/24 TEST-NET-2
        {0xCB007100, 24},   // 203.0.113/24 TEST-NET-3
        {0xE0000000, 4},    // 224/4 multicast
        {0xF0000000, 4},    // 240/4 reserved, incl. 255.255.255.255
    };

    /** Whether {@code address} may be reached under the {@code public} policy. */
    static boolean isPublic(InetAddress address) {
        return switch (address) {
            case Inet4Address v4 -> isPublicV4(v4.getAddress());
            case Inet6Address v6 -> isPublicV6(v6.getAddress());
            default -> false;
        };
    }

    private static boolean isPublicV4(byte[] b) {
        int ip = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        for (int[] range : V4_DENIED) {
            int mask = -1 << (32 - range[1]);
            if ((ip & mask) == range[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPublicV6(byte[] b) {
        boolean first80Zero = true;
        for (int i = 0; i < 10; i++) {
            first80Zero &= b[i] == 0;
        }
        if (first80Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(slice(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (first80Zero && b[10] == 0 && b[11] == 0) {
            return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return false; // ff00::/8 multicast
        }
        if ((first & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique-local
        }
        if (first == 0xfe && (second & 0x80) == 0x80) {
            return false; // fe80::/10 link-local, fec0::/10 site-local
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isPublicV4(slice(b, 12)); // 64:ff9b::/96 NAT64 (and the /48 local-use range)
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(slice(b, 2)); // 2002::/16 6to4
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return false; // 2001::/32 Teredo: the client address is obfuscated, deny outright
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // 2001:db8::/32 documentation
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
