import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, parseAllowList, vetTarget, type Resolver } from './ssrf-guard.js';

const none = parseAllowList([]);
const resolveTo = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('SSRF guard', () => {
  it.each([
    ['127.0.0.1'], ['127.8.9.10'], ['10.0.0.1'], ['172.16.5.4'], ['192.168.1.1'], ['169.254.169.254'], ['100.100.100.200'],
    ['0.0.0.0'], ['224.0.0.1'], ['255.255.255.255'], ['::1'], ['::'], ['::ffff:127.0.0.1'], ['::ffff:8.8.8.8'], ['fe80::1'],
    ['fd00:ec2::254'], ['ff02::1'], ['64:ff9b::7f00:1'],
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([['8.8.8.8'], ['1.1.1.1'], ['2606:4700:4700::1111'], ['172.32.0.1']])('allows public %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it.each([
    'http://127.0.0.1:9/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/',
    'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://0x7f000001/', 'http://2130706433/',
  ])('refuses the URL %s before any connection', async (url) => {
    await expect(vetTarget(url, none, resolveTo('8.8.8.8'))).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
  });

  it('refuses a name resolving to a private address, even among public ones', async () => {
    await expect(vetTarget('https://hooks.example.com/x', none, resolveTo('93.184.216.34', '10.0.0.7'))).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_REFUSED',
      details: { address: '10.0.0.7' },
    });
    await expect(vetTarget('https://hooks.example.com/x', none, resolveTo('93.184.216.34'))).resolves.toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('refuses other schemes, credentials in the URL and names that do not resolve', async () => {
    await expect(vetTarget('file:///etc/passwd', none)).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    await expect(vetTarget('gopher://example.com/', none)).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    await expect(vetTarget('https://u:p@example.com/', none, resolveTo('93.184.216.34'))).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    await expect(vetTarget('https://nx.example/', none, async () => Promise.reject(new Error('ENOTFOUND')))).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    await expect(vetTarget('not a url', none)).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
  });

  it('lets the admin allow-list hosts, addresses and ranges', async () => {
    const allow = parseAllowList(['127.0.0.1', 'hooks.internal', '10.20.0.0/16', '[::1]']);
    await expect(vetTarget('http://127.0.0.1:8080/x', allow)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(vetTarget('http://[::1]:8080/x', allow)).resolves.toMatchObject({ address: '::1', family: 6 });
    await expect(vetTarget('http://hooks.internal/x', allow, resolveTo('192.168.9.9'))).resolves.toMatchObject({ address: '192.168.9.9' });
    await expect(vetTarget('http://svc/x', allow, resolveTo('10.20.3.4'))).resolves.toMatchObject({ address: '10.20.3.4' });
    await expect(vetTarget('http://127.0.0.2/x', allow)).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
  });
});
