import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

describe('net builtins', () => {
  it('checks containment of addresses and networks', () => {
    expect(b['net.cidr_contains']('10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(b['net.cidr_contains']('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(b['net.cidr_contains']('10.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(b['net.cidr_contains']('2001:db8::/32', '2001:db8:1::1')).toBe(true);
    expect(b['net.cidr_contains']('127.0.0.0/8', '::ffff:127.0.0.1')).toBe(true);
    expect(b['net.cidr_contains']('127.0.0.0/8', '::1')).toBe(false);
  });

  it('rejects address forms Go rejects (adversarial spellings)', () => {
    expect(() => b['net.cidr_contains']('10.0.0.0/8', '010.0.0.1')).toThrow('invalid CIDR address: 010.0.0.1');
    expect(() => b['net.cidr_contains']('10.0.0.0/8', '10.1')).toThrow('invalid CIDR address');
    expect(() => b['net.cidr_contains']('10.0.0.0/8', '0x0a.0.0.1')).toThrow('invalid CIDR address');
    expect(() => b['net.cidr_contains']('10.0.0.0/33', '10.0.0.1')).toThrow('invalid CIDR address: 10.0.0.0/33');
    expect(() => b['net.cidr_contains']('fe80::/10', 'fe80::1%eth0')).toThrow('invalid CIDR address');
    expect(b['net.cidr_is_valid']('10.0.0.0/8')).toBe(true);
    expect(b['net.cidr_is_valid']('10.0.0.0')).toBe(false);
    expect(b['net.cidr_is_valid']('')).toBe(false);
  });

  it('intersects, expands and merges', () => {
    expect(b['net.cidr_intersects']('192.168.0.0/16', '192.168.1.0/24')).toBe(true);
    expect(b['net.cidr_intersects']('192.168.0.0/24', '192.168.1.0/24')).toBe(false);
    expect(b['net.cidr_expand']('192.168.1.1/30')).toEqual(['192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3']);
    expect(() => b['net.cidr_expand']('10.0.0.0/8')).toThrow('more than');
    expect(b['net.cidr_merge'](['192.0.2.112/30', '192.0.2.116/31', '192.0.2.118/31'])).toEqual(['192.0.2.112/29']);
    expect(b['net.cidr_merge'](['192.0.128.0', '192.0.129.0'])).toEqual(['192.0.128.0/23']);
    expect(b['net.cidr_merge'](['::/0', '::192.0.2.0/124'])).toEqual(['::/0']);
    expect(b['net.cidr_merge'](['fe80::/120', '10.0.0.0/8'])).toEqual(['10.0.0.0/8', 'fe80::/120']);
    expect(() => b['net.cidr_merge'](['2001:db8::1'])).toThrow('IPv6 invalid: needs prefix length');
  });

  it('reports which networks contain which candidates', () => {
    expect(b['net.cidr_contains_matches'](['1.1.2.0/24', '1.1.1.0/24'], ['1.1.1.1', '1.1.2.1'])).toEqual([[0, 1], [1, 0]]);
    expect(b['net.cidr_contains_matches']({ lan: ['10.0.0.0/8', 'x'] }, '10.1.1.1')).toEqual([['lan', '10.1.1.1']]);
    expect(() => b['net.cidr_contains_matches']('1.1.1.0/24', [[]])).toThrow('operand 2: element must be string or non-empty array');
  });

  it('never touches the network', () => {
    expect(b['net.lookup_ip_addr']('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(() => b['net.lookup_ip_addr']('example.com')).toThrow('DNS lookups are disabled');
    expect(b['net.lookup_ip_addr']('localhost')).toEqual(['127.0.0.1', '::1']);
    expect(b['net.lookup_ip_addr']('api.LOCALHOST.')).toEqual(['127.0.0.1', '::1']);
    expect(() => b['net.lookup_ip_addr']('localhost.example.com')).toThrow('DNS lookups are disabled');
    expect(() => b['net.lookup_ip_addr']('notlocalhost')).toThrow('DNS lookups are disabled');
    expect(() => b['http.send']({ method: 'get', url: 'http://127.0.0.1' })).toThrow('http.send is disabled in toolgate');
  });

  it('checks http.send request keys as OPA does before refusing to send', () => {
    expect(() => b['http.send']({ method: 'get', url: 'http://x', zeta: 1, bad_key: 2 })).toThrow(
      'eval_type_error: http.send: invalid request parameters(s): {"bad_key", "zeta"}',
    );
    expect(() => b['http.send']({ headers: {} })).toThrow('eval_type_error: http.send: missing required request parameters(s): {"method", "url"}');
    expect(() => b['http.send']('http://x')).toThrow('http.send: operand 1 must be object but got string');
  });
});
