package edge

import (
	"fmt"
	"net/netip"
	"strings"
)

// Proxies are the networks of the reverse proxies Payesh trusts. A
// request whose socket peer is in one of them is read through the headers
// that proxy sets:
//
//   - X-Forwarded-For: the client is the right-most address that is not
//     itself a trusted proxy. Every proxy appends the address it saw, so
//     walking from the right, each address was written by the trusted hop
//     after it, until the first untrusted one — the client. What lies left
//     of it the client wrote itself and is never believed. A hop that is
//     not an address stops the walk at the last address that was.
//   - X-Forwarded-Proto: "https" in its right-most value (the one the
//     nearest proxy set) makes the request HTTPS.
//   - X-Request-Id: a sane one is kept as the request's id.
//
// From any other peer these headers are ignored: anyone can send them.
type Proxies []netip.Prefix

// ParseProxies reads a comma-separated list of CIDRs ("10.0.0.0/8,
// 127.0.0.1/32, ::1/128"); a bare address counts as a network of one. An
// empty list trusts no proxy.
func ParseProxies(s string) (Proxies, error) { return ParseNetworks(s, "trusted proxy") }

// ParseNetworks reads a list of networks as ParseProxies does, for any
// list of addresses a setting allows (the addresses /metrics answers);
// what names an entry in errors.
func ParseNetworks(s, what string) (Proxies, error) {
	var p Proxies
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(part)
		if err != nil {
			a, aerr := netip.ParseAddr(part)
			if aerr != nil || a.Zone() != "" {
				return nil, fmt.Errorf("%s %q is not a CIDR like 10.0.0.0/8 or an address", what, part)
			}
			prefix = netip.PrefixFrom(a, a.BitLen())
		}
		if prefix.Addr().Is4In6() {
			// ::ffff:10.0.0.0/104 is 10.0.0.0/8: peers are compared unmapped.
			bits := prefix.Bits() - 96
			if bits < 0 {
				return nil, fmt.Errorf("%s %q: an IPv4-mapped network needs at least /96", what, part)
			}
			prefix = netip.PrefixFrom(prefix.Addr().Unmap(), bits)
		}
		p = append(p, prefix.Masked())
	}
	return p, nil
}

// String is the list as ParseProxies reads it.
func (p Proxies) String() string {
	parts := make([]string, len(p))
	for i, n := range p {
		parts[i] = n.String()
	}
	return strings.Join(parts, ",")
}

// Contains says whether a is a trusted proxy's address.
func (p Proxies) Contains(a netip.Addr) bool {
	a = norm(a)
	for _, n := range p {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// maxHops bounds the X-Forwarded-For addresses looked at: no deployment
// has more proxies than this, and a header of thousands must not cost
// thousands of parses.
const maxHops = 32

// client is the client address of a request that came from the trusted
// peer with X-Forwarded-For header lines xff (see Proxies).
func (p Proxies) client(peer netip.Addr, xff []string) netip.Addr {
	client := peer
	hops := 0
	for i := len(xff) - 1; i >= 0; i-- {
		parts := strings.Split(xff[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			a, ok := hopAddr(parts[j])
			if !ok || hops >= maxHops {
				return client
			}
			hops++
			client = a
			if !p.Contains(a) {
				return a
			}
		}
	}
	return client
}

// hopAddr reads one X-Forwarded-For entry: an IPv4 or IPv6 address, with
// a port or brackets as some proxies write it.
func hopAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil && a.Zone() == "" {
		return norm(a), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil && ap.Addr().Zone() == "" {
		return norm(ap.Addr()), true
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil && a.Is6() && a.Zone() == "" {
			return norm(a), true
		}
	}
	return netip.Addr{}, false
}

// forwardedHTTPS reads X-Forwarded-Proto header lines: the right-most
// value is the one the nearest proxy set.
func forwardedHTTPS(lines []string) bool {
	if len(lines) == 0 {
		return false
	}
	last := lines[len(lines)-1]
	if i := strings.LastIndexByte(last, ','); i >= 0 {
		last = last[i+1:]
	}
	return strings.EqualFold(strings.TrimSpace(last), "https")
}
