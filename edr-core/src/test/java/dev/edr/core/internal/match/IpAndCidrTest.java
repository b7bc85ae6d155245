package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAndCidrTest {
    @ParameterizedTest(name = "{1} in {0} = {2}")
    @CsvSource({
            "10.0.0.0/8, 10.1.2.3, true",
            "10.0.0.0/8, 11.1.2.3, false",
            "10.0.0.0/8, 10.0.0.0, true",
            "192.168.1.0/25, 192.168.1.127, true",
            "192.168.1.0/25, 192.168.1.128, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "10.1.2.3/8, 10.200.0.1, true",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "10.0.0.0/8, ::ffff:10.9.9.9, true",
            "10.0.0.0/8, 2001:db8::1, false",
            "2001:db8::/32, 2001:DB8:0:0:0:0:0:1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "fe80::/10, fe80::1%eth0, true",
            "fe80::/10, febf:ffff::1, true",
            "fe80::/10, fec0::1, false",
            "::/0, ::1, true",
            "::/0, 1.2.3.4, false",
            "::1/128, 0:0:0:0:0:0:0:1, true",
            "64:ff9b::/96, 64:ff9b::192.0.2.33, true",
            "10.0.0.0/8, 010.0.0.1, false",
            "10.0.0.0/8, 10.0.0, false",
            "10.0.0.0/8, host.example, false",
            "10.0.0.0/8, '10.0.0.1 ', false",
    })
    void containment(String cidr, String address, boolean expected) {
        CidrRange range = CidrRange.parse(cidr);
        assertThat(range).isNotNull();
        assertThat(range.contains(IpAddress.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "::/129", "1::2::3/64", "10.0.0.0/", "10.0.0.0/x", "abc",
            "fe80::1%eth0/64", "1:2:3:4:5:6:7:8:9/64", "12345::/16", ""})
    void invalidRangesAreRejected(String cidr) {
        assertThat(CidrRange.parse(cidr)).isNull();
    }
}
