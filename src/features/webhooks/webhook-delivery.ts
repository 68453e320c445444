import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal } from '../../domain/webhooks/network-address.ts';

/** A receiver has this long to answer; Standard Webhooks receivers should answer quickly and work later. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface PostResult {
  ok: boolean;
  status: number | null;
  /** What went wrong in plain words; never the receiver's answer body. */
  error: string | null;
}

/**
 * A DNS lookup that refuses private, loopback and link-local addresses. It is the lookup
 * the connection itself uses, so the address checked is the address connected to: a host
 * name that resolves to a public address when the owner saves it and to 127.0.0.1 later
 * (DNS rebinding) is refused at delivery.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      for (const a of list) {
        const refusal = allowPrivate ? null : addressRefusal(a.address);
        if (refusal) return callback(Object.assign(new Error(`${hostname} resolves to ${a.address}, which ${refusal}`), { code: 'EADDRREFUSED' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * POSTs a signed message to an endpoint. Redirects are not followed (a redirect could
 * point anywhere); a 2xx answer is success, anything else a failure to retry.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<PostResult> {
  const target = new URL(url);
  // Connections to an IP written in the address skip the lookup, so check it here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  const literalRefusal = !allowPrivate && isIP(literal) ? addressRefusal(literal) : null;
  if (literalRefusal) return Promise.resolve({ ok: false, status: null, error: `${literal} ${literalRefusal}` });
  return new Promise((resolve) => {
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Yintang-Webhooks/1' },
      lookup: guardedLookup(allowPrivate),
      timeout: DELIVERY_TIMEOUT_MS,
    }, (response) => {
      response.resume();
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({ ok, status, error: ok ? null : `The endpoint answered ${status}` });
      });
      response.on('error', () => resolve({ ok: false, status: response.statusCode ?? null, error: 'The connection broke during the answer' }));
    });
    request.on('timeout', () => request.destroy(new Error(`No answer within ${DELIVERY_TIMEOUT_MS / 1000} seconds`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      const message = error.code === 'EADDRREFUSED' ? error.message
        : error.code === 'ENOTFOUND' ? `${target.hostname} was not found (DNS)`
          : error.code === 'ECONNREFUSED' ? 'The connection was refused'
            : error.message;
      resolve({ ok: false, status: null, error: message.slice(0, 300) });
    });
    request.end(body);
  });
}
