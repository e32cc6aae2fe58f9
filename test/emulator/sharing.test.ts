import { describe, expect, it } from 'vitest'
import { enc, type Harness, harness } from './emulator-harness'

const OWNER = 'koordinator@contoh.test'
const SYNC = 'casebook-sync@sentra-uji.iam.gserviceaccount.com'
const STRANGER = 'orang-lain@contoh.test'
const PEM = ['-----BEGIN PUBLIC KEY-----', 'AAAA', '-----END PUBLIC KEY-----'].join('\n')

const DENIED = { code: 403, status: 'PERMISSION_DENIED', message: 'The caller does not have permission' }

/** Strict auth with the sync service account registered, and a token per principal. */
async function strict(): Promise<Harness & { tokenOf: (email: string) => Promise<Record<string, string>> }> {
  const h = harness({
    authMode: 'strict',
    defaultPrincipal: OWNER,
    serviceAccounts: [{ client_email: SYNC, public_key_pem: PEM }],
  })
  const tokenOf = async (email: string) => {
    const minted = await h.call('POST', '/_emulator/token', {
      client_email: email,
      scopes: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive'],
    })
    return { authorization: `Bearer ${minted.json.access_token}` }
  }
  return Object.assign(h, { tokenOf })
}

const read = (h: Harness, id: string, as: Record<string, string>) =>
  h.call('GET', `/v4/spreadsheets/${id}/values/${enc('Sheet1!A1')}`, undefined, as)
const write = (h: Harness, id: string, as: Record<string, string>) =>
  h.call('PUT', `/v4/spreadsheets/${id}/values/${enc('Sheet1!A1')}?valueInputOption=RAW`, { values: [['x']] }, as)
const share = (h: Harness, id: string, as: Record<string, string>, grant: Record<string, unknown>) =>
  h.call('POST', `/drive/v3/files/${id}/permissions?sendNotificationEmail=false`, grant, as)

describe('Drive sharing of spreadsheets made through the control endpoints', () => {
  it('shares with every registered service account by default (strict auth)', async () => {
    const h = await strict()
    await h.createSpreadsheet('bersama')
    const sync = await h.tokenOf(SYNC)
    expect((await write(h, 'bersama', sync)).status).toBe(200)
    expect((await read(h, 'bersama', sync)).status).toBe(200)
    const stranger = await h.tokenOf(STRANGER)
    for (const res of [await read(h, 'bersama', stranger), await write(h, 'bersama', stranger)]) {
      expect(res.status).toBe(403)
      expect(res.json).toEqual({ error: DENIED })
    }
  })

  it('creates an unshared one with ?shared_with= and a chosen sharing with ?shared_with=a,b', async () => {
    const h = await strict()
    expect((await h.call('PUT', '/_emulator/spreadsheets/pribadi?shared_with=', {})).status).toBe(200)
    expect((await h.call('PUT', `/_emulator/spreadsheets/pilihan?shared_with=${STRANGER}`, {})).status).toBe(200)
    const sync = await h.tokenOf(SYNC)
    expect((await read(h, 'pribadi', sync)).json).toEqual({ error: DENIED })
    expect((await read(h, 'pilihan', sync)).status).toBe(403)
    expect((await read(h, 'pilihan', await h.tokenOf(STRANGER))).status).toBe(200)
    expect((await read(h, 'pribadi', await h.tokenOf(OWNER))).status).toBe(200)
    expect((await h.call('GET', '/_emulator/stats?spreadsheet_id=pribadi')).json.by_status).toEqual({
      '200': 1,
      '403': 1,
    })
  })

  it('lets a reader read but not write, and a writer do both, once shared through the Drive API', async () => {
    const h = await strict()
    await h.call('PUT', '/_emulator/spreadsheets/kasus?shared_with=', {})
    const owner = await h.tokenOf(OWNER)
    const sync = await h.tokenOf(SYNC)
    const asReader = await share(h, 'kasus', owner, { type: 'user', role: 'reader', emailAddress: SYNC })
    expect(asReader.json).toEqual({
      kind: 'drive#permission',
      id: expect.stringMatching(/^\d{20}$/),
      type: 'user',
      role: 'reader',
      emailAddress: SYNC,
    })
    expect((await read(h, 'kasus', sync)).status).toBe(200)
    expect((await write(h, 'kasus', sync)).json).toEqual({ error: DENIED })
    await share(h, 'kasus', owner, { type: 'user', role: 'writer', emailAddress: SYNC.toUpperCase() })
    expect((await write(h, 'kasus', sync)).status).toBe(200)
    const list = await h.call(
      'GET',
      '/drive/v3/files/kasus/permissions?fields=permissions(role,emailAddress)',
      undefined,
      owner,
    )
    expect(list.json).toEqual({
      permissions: [
        { role: 'owner', emailAddress: OWNER },
        { role: 'writer', emailAddress: SYNC },
      ],
    })
    await h.call('DELETE', `/drive/v3/files/kasus/permissions/${asReader.json.id}`, undefined, owner)
    expect((await read(h, 'kasus', sync)).status).toBe(403)
  })

  it('opens a spreadsheet to anyone with the link', async () => {
    const h = await strict()
    await h.call('PUT', '/_emulator/spreadsheets/publik?shared_with=', {})
    await share(h, 'publik', await h.tokenOf(OWNER), { type: 'anyone', role: 'reader' })
    const stranger = await h.tokenOf(STRANGER)
    expect((await read(h, 'publik', stranger)).status).toBe(200)
    expect((await write(h, 'publik', stranger)).status).toBe(403)
  })

  it('opens spreadsheets to anyone by default in permissive auth, where callers often name nobody', async () => {
    const h = harness()
    await h.createSpreadsheet('terbuka')
    const named = { authorization: `Bearer ${jwtNaming(STRANGER)}` }
    expect((await write(h, 'terbuka', named)).status).toBe(200)
    await h.call('PUT', '/_emulator/spreadsheets/tertutup?shared_with=', {})
    expect((await write(h, 'tertutup', named)).json).toEqual({ error: DENIED })
    // A token naming nobody acts as the default principal, the owner of control-made spreadsheets.
    expect((await write(h, 'tertutup', {})).status).toBe(200)
  })
})

/** A JWT-shaped bearer naming `email` (permissive auth takes its issuer as the caller). */
function jwtNaming(email: string): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256' })}.${part({ iss: email })}.c2ln`
}

describe('spreadsheets created through the APIs belong to their creator alone', () => {
  it.each([
    ['spreadsheets.create', (h: Harness, as: Record<string, string>) => h.call('POST', '/v4/spreadsheets', {}, as)],
    [
      'Drive files.create',
      (h: Harness, as: Record<string, string>) =>
        h.call('POST', '/drive/v3/files', { name: 'Baru', mimeType: 'application/vnd.google-apps.spreadsheet' }, as),
    ],
  ])('%s', async (_, create) => {
    const h = await strict()
    const created = await create(h, await h.tokenOf(SYNC))
    const id = created.json.spreadsheetId ?? created.json.id
    expect((await read(h, id, await h.tokenOf(SYNC))).status).toBe(200)
    expect((await read(h, id, await h.tokenOf(STRANGER))).status).toBe(403)
    expect((await read(h, id, await h.tokenOf(OWNER))).status).toBe(403)
  })
})

describe('Drive answers for files the caller may not use', () => {
  it('hides an unshared file, lets only the owner delete it, and keeps the owner permission', async () => {
    const h = await strict()
    await h.call('PUT', `/_emulator/spreadsheets/rahasia?shared_with=${SYNC}`, {})
    const stranger = await h.tokenOf(STRANGER)
    expect((await h.call('GET', '/drive/v3/files/rahasia', undefined, stranger)).status).toBe(404)
    expect((await share(h, 'rahasia', stranger, { role: 'writer', emailAddress: STRANGER })).status).toBe(404)
    const sync = await h.tokenOf(SYNC)
    expect((await h.call('DELETE', '/drive/v3/files/rahasia', undefined, sync)).json.error.errors[0].reason).toBe(
      'insufficientFilePermissions',
    )
    const owner = await h.tokenOf(OWNER)
    const ownerId = (await h.call('GET', '/drive/v3/files/rahasia/permissions', undefined, owner)).json.permissions[0]
      .id
    expect((await h.call('DELETE', `/drive/v3/files/rahasia/permissions/${ownerId}`, undefined, owner)).status).toBe(
      403,
    )
    expect((await share(h, 'rahasia', owner, { role: 'owner', emailAddress: SYNC })).status).toBe(400)
    expect((await h.call('DELETE', '/drive/v3/files/rahasia', undefined, owner)).status).toBe(204)
  })
})

describe('the sharing control endpoints', () => {
  it('show and replace who besides the owner may use a spreadsheet, kept in snapshots', async () => {
    const h = await strict()
    await h.createSpreadsheet('atur')
    const replaced = await h.call('PUT', '/_emulator/spreadsheets/atur/permissions', {
      permissions: [
        { type: 'user', role: 'reader', emailAddress: STRANGER },
        { type: 'anyone', role: 'commenter' },
      ],
    })
    expect(replaced.json.permissions.map((p: { role: string; type: string }) => `${p.type}:${p.role}`)).toEqual([
      'user:owner',
      'user:reader',
      'anyone:commenter',
    ])
    expect((await write(h, 'atur', await h.tokenOf(SYNC))).status).toBe(403)
    const snapshot = (await h.call('GET', '/_emulator/snapshot')).json
    const copy = await strict()
    await copy.call('POST', '/_emulator/load', snapshot)
    expect((await copy.call('GET', '/_emulator/spreadsheets/atur/permissions')).json).toEqual(
      (await h.call('GET', '/_emulator/spreadsheets/atur/permissions')).json,
    )
  })

  it.each([
    [{ permissions: [{ role: 'editor', emailAddress: STRANGER }] }, 'role must be "writer", "commenter" or "reader".'],
    [{ permissions: [{ role: 'writer' }] }, 'A user permission needs an emailAddress.'],
    [
      { permissions: [{ type: 'group', role: 'writer' }] },
      'The local emulator shares with type "user" or "anyone" only.',
    ],
    [{ users: [] }, 'Body must be {"permissions":[{"type","role","emailAddress"}, …]}.'],
  ])('refuses %j', async (body, message) => {
    const h = await strict()
    await h.createSpreadsheet('atur')
    const res = await h.call('PUT', '/_emulator/spreadsheets/atur/permissions', body)
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe(message)
  })

  it('keeps a spreadsheet saved before sharing was modelled open to everyone', async () => {
    const h = await strict()
    await h.createSpreadsheet('lama')
    const snapshot = (await h.call('GET', '/_emulator/snapshot')).json
    for (const ss of snapshot.spreadsheets) delete ss.permissions
    const old = await strict()
    await old.call('POST', '/_emulator/load', snapshot)
    expect((await write(old, 'lama', await old.tokenOf(STRANGER))).status).toBe(200)
  })
})
