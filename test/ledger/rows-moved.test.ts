// A person sorts, inserts or deletes rows in the moment between the ledger's read and its write
// (the emulator's before-next-write lands their change just before the write): new ids, `_status`
// texts and PATCHed cells still end on the rows they belong to, and no other row keeps a change —
// the write returns the rows it wrote, and rows that moved are put right (checked-write.ts).
import { describe, expect, it } from 'vitest'
import { columnOf, issueMessage } from '../../src/domain'
import {
  A_CASE,
  accepted,
  COORDINATOR,
  type LedgerStub,
  OWN_CASEBOOK,
  provisionCasebook,
  rowsByLabel,
  sheetIds,
  staffTypesRows,
} from '../support/casebook'
import { beforeNextWrite, beforeNextWriteState, emulatorStats } from '../support/emulator-control'

const nextSheet = sheetIds('ledger-rows-moved')
const CASES = 1
const WIDTH = 18

/** Rows 1..`end` of Cases sorted by initials (column B). */
const sortByInitials = (end: number, sortOrder: 'ASCENDING' | 'DESCENDING') => ({
  sortRange: {
    range: { sheetId: CASES, startRowIndex: 1, endRowIndex: end, startColumnIndex: 0, endColumnIndex: WIDTH },
    sortSpecs: [{ dimensionIndex: 1, sortOrder }],
  },
})
const insertRowAt = (index: number) => ({
  insertDimension: { range: { sheetId: CASES, dimension: 'ROWS', startIndex: index, endIndex: index + 1 } },
})
const deleteRowAt = (index: number) => ({
  deleteDimension: { range: { sheetId: CASES, dimension: 'ROWS', startIndex: index, endIndex: index + 1 } },
})

/** A casebook with K-0001 (AB), synced: the API opened it. */
async function casebook(): Promise<{ sheet: string; stub: LedgerStub }> {
  const sheet = nextSheet()
  const stub = await provisionCasebook(sheet)
  await accepted(stub, {
    tab: 'cases',
    row: { ...A_CASE, consent_date: '2025-01-02' },
    actor: COORDINATOR,
    bodyHash: 'AB',
  })
  await stub.sync('api')
  return { sheet, stub }
}

/** Each case row as [initials, id, _status], in sheet order. */
const cases = async (sheet: string) =>
  (await rowsByLabel(sheet, 'Cases'))
    .filter((r) => r['Inisial PM'] !== null)
    .map((r) => [r['Inisial PM'], r['ID Kasus'], r['Status validasi']])

/** Google calls made on `sheet` while `fn` runs. */
async function callsDuring(sheet: string, fn: () => Promise<unknown>) {
  const before = await emulatorStats(sheet)
  await fn()
  const after = await emulatorStats(sheet)
  return { reads: after.reads - before.reads, writes: after.writes - before.writes }
}

const repairLines = async (sheet: string) =>
  (await rowsByLabel(sheet, 'Log')).filter((l) => String(l.Peristiwa).startsWith('Penulisan dipulihkan'))

describe('the sync’s new ids when rows move between its read and its write', OWN_CASEBOOK, () => {
  it.each([
    ['a sort', () => sortByInitials(4, 'ASCENDING')],
    ['a row inserted above them', () => insertRowAt(1)],
    ['a row deleted above them', () => deleteRowAt(1)],
  ])('go to the rows they were given to after %s, and no other row keeps one', async (name, change) => {
    const { sheet, stub } = await casebook()
    // Typed in this order, without ids: EF (row 3) gets K-0002, CD (row 4) K-0003.
    await staffTypesRows(sheet, 'cases', 3, [
      { ...A_CASE, initials: 'EF' },
      { ...A_CASE, initials: 'CD' },
    ])
    await beforeNextWrite(sheet, [change()])
    const calls = await callsDuring(sheet, () => stub.sync('api'))
    expect((await beforeNextWriteState(sheet)) as { pending: unknown[] }).toMatchObject({ pending: [] })

    const rows = await cases(sheet)
    const idOf = (initials: string) => rows.find((r) => r[0] === initials)?.[1]
    if (name !== 'a row deleted above them') expect(idOf('AB')).toBe('K-0001')
    expect(idOf('EF')).toBe('K-0002')
    expect(idOf('CD')).toBe('K-0003')
    // Every id once, only on rows with data: nothing was left on an emptied row.
    const ids = (await rowsByLabel(sheet, 'Cases')).map((r) => r['ID Kasus']).filter((id) => id !== null)
    expect(ids.length).toBe(new Set(ids).size)
    expect(ids.length).toBe(rows.length)
    // Found in the answer to the write; put right with one more read and one more write.
    expect(calls).toEqual({ reads: 2, writes: 2 })
    expect(await repairLines(sheet)).toHaveLength(1)
    // The ledger's own view agrees with the sheet.
    const listed = await stub.listCases(COORDINATOR, {})
    expect(listed.ok && Object.fromEntries(listed.value.map((c) => [c.initials, c.case_id]))).toMatchObject({
      EF: 'K-0002',
      CD: 'K-0003',
    })
  })

  it('costs nothing extra when nothing moved: 1 read + 1 write', async () => {
    const { sheet, stub } = await casebook()
    await staffTypesRows(sheet, 'cases', 3, [{ ...A_CASE, initials: 'EF' }])
    expect(await callsDuring(sheet, () => stub.sync('api'))).toEqual({ reads: 1, writes: 1 })
    expect(await cases(sheet)).toEqual([
      ['AB', 'K-0001', null],
      ['EF', 'K-0002', null],
    ])
    expect(await repairLines(sheet)).toEqual([])
  })
})

describe('a _status text when rows move between the read and the write', OWN_CASEBOOK, () => {
  it('ends on the row it explains after a sort', async () => {
    const { sheet, stub } = await casebook()
    await stub.sync('api')
    // XY has a sex the schema does not know; ZZ is fine. Sorted descending: ZZ, XY, AB.
    await staffTypesRows(sheet, 'cases', 3, [
      { ...A_CASE, initials: 'XY', sex: 'X' },
      { ...A_CASE, initials: 'ZZ' },
    ])
    await beforeNextWrite(sheet, [sortByInitials(4, 'DESCENDING')])
    await stub.sync('api')
    const sexOption = issueMessage('invalid_option', {
      label: columnOf('cases', 'sex').label,
      options: ['L', 'P'],
    }).id
    expect(await cases(sheet)).toEqual([
      ['ZZ', 'K-0003', null],
      ['XY', 'K-0002', sexOption],
      ['AB', 'K-0001', null],
    ])
  })
})

describe('a PATCH when rows move between its read and its write', OWN_CASEBOOK, () => {
  /** K-0001 AB, K-0002 CD, K-0003 EF in rows 2–4, synced, and the version of `id` as read. */
  async function threeCases(id: string) {
    const { sheet, stub } = await casebook()
    await staffTypesRows(sheet, 'cases', 3, [
      { ...A_CASE, initials: 'CD' },
      { ...A_CASE, initials: 'EF' },
    ])
    await stub.sync('api')
    const detail = await stub.getCase(COORDINATOR, id, '2025-03-05')
    if (!detail.ok) throw new Error(JSON.stringify(detail.error))
    return { sheet, stub, etag: detail.value.etag }
  }

  /** Each case as [initials, id, stage, notes]. */
  const patched = async (sheet: string) =>
    (await rowsByLabel(sheet, 'Cases'))
      .filter((r) => r['Inisial PM'] !== null)
      .map((r) => [r['Inisial PM'], r['ID Kasus'], r.Tahapan, r.Catatan])

  it.each([
    ['a sort moving it down', 'K-0001', () => sortByInitials(4, 'DESCENDING')],
    ['a row inserted above it', 'K-0001', () => insertRowAt(1)],
    ['a row deleted above it', 'K-0002', () => deleteRowAt(1)],
  ])('changes only the row of its id after %s', async (name, id, change) => {
    const { sheet, stub, etag } = await threeCases(id)
    await beforeNextWrite(sheet, [change()])
    const done = await stub.patchCase({
      caseId: id,
      patch: { stage: 'monev', notes: 'dari formulir' },
      ifMatch: etag,
      actor: COORDINATOR,
    })
    expect(done.ok && done.value.case).toMatchObject({ case_id: id, stage: 'monev', notes: 'dari formulir' })
    const rows = await patched(sheet)
    const initials = id === 'K-0001' ? 'AB' : 'CD'
    for (const row of rows) {
      if (row[0] === initials) expect(row).toEqual([initials, id, 'monev', 'dari formulir'])
      else expect([row[2], row[3]]).toEqual(['implementasi', null])
    }
    if (name === 'a row deleted above it') expect(rows.map((r) => r[0])).toEqual(['CD', 'EF'])
    else expect(rows.map((r) => r[0]).sort()).toEqual(['AB', 'CD', 'EF'])
    // Nothing left on an emptied row either.
    const all = await rowsByLabel(sheet, 'Cases')
    expect(all.filter((r) => r['Inisial PM'] === null && (r.Tahapan !== null || r.Catatan !== null))).toEqual([])
    expect(await repairLines(sheet)).toHaveLength(1)
    // The answer's version is the row's version in the sheet.
    const fresh = await stub.getCase(COORDINATOR, id, '2025-03-05')
    expect(fresh.ok && done.ok && fresh.value.etag).toBe(done.ok ? done.value.etag : '')
  })
})
