/**
 * For tests running inside workerd that want to call the (strict) emulator directly: signs the
 * service-account JWT-bearer assertion with WebCrypto and exchanges it for an access token.
 */

const b64url = (bytes: Uint8Array): string => {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text)

export interface ServiceAccount {
  readonly client_email: string
  readonly private_key: string
  readonly token_uri?: string
}

/** Signs `claims` as an RS256 JWT with the key's PKCS#8 PEM. */
export async function signJwt(privateKeyPem: string, claims: Record<string, unknown>): Promise<string> {
  const body = privateKeyPem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '')
  const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0))
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const input = `${b64url(utf8(JSON.stringify({ alg: 'RS256', typ: 'JWT' })))}.${b64url(utf8(JSON.stringify(claims)))}`
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, utf8(input)))
  return `${input}.${b64url(signature)}`
}

export async function serviceAccountAccessToken(
  serviceAccountJson: string,
  scope = 'https://www.googleapis.com/auth/spreadsheets',
  tokenUrl = 'https://oauth2.googleapis.com/token',
): Promise<string> {
  const sa = JSON.parse(serviceAccountJson) as ServiceAccount
  const iat = Math.floor(Date.now() / 1000)
  const assertion = await signJwt(sa.private_key, {
    iss: sa.client_email,
    scope,
    aud: 'https://oauth2.googleapis.com/token',
    iat,
    exp: iat + 3600,
  })
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  })
  const json = (await res.json()) as { access_token?: string; error?: string }
  if (!res.ok || !json.access_token) throw new Error(`token request failed with ${res.status} ${json.error ?? ''}`)
  return json.access_token
}
