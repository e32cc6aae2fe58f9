import { describe, expect, it } from 'vitest'
import type { ProblemBody } from '../../src/http/problem'
import { CORPUS, expectProblem } from './support/bad-input-corpus'
import { harness, SESSION } from './support/harness'

describe('bad input', () => {
  it.each(CORPUS)('answers $status problem+json for $name, in Indonesian and in English', async (bad) => {
    const h = harness()
    await expectProblem(h, bad)
    expect(h.logs.every((l) => l.status !== 500)).toBe(true)
  })

  it('names the field in the message, in Indonesian by default and in English on request', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    const id = await (await h.send('/api/sessions', { token, json: { ...SESSION, rating: 5 } })).json<ProblemBody>()
    const en = await (
      await h.send('/api/sessions', {
        token,
        json: { ...SESSION, rating: 5 },
        headers: { 'Accept-Language': 'en-GB,en;q=0.9,id;q=0.5' },
      })
    ).json<ProblemBody>()
    expect(id.errors).toEqual([
      {
        pointer: '/rating',
        code: 'invalid_rating',
        message: 'Kolom "Nilai (0–4 / N)" harus 0–4, atau N bila tidak ada kesempatan mengerjakan tugas.',
      },
    ])
    expect(en.errors).toEqual([
      {
        pointer: '/rating',
        code: 'invalid_rating',
        message: '"Rating (0–4 / N)" must be 0–4, or N when there was no opportunity to work on the task.',
      },
    ])
    expect(id.title).toBe('Data belum benar')
    expect(en.title).toBe('Some fields are not valid')
  })

  it.each([
    ['a formula', '=HYPERLINK("http://contoh.invalid","klik")'],
    ['a leading plus', '+62 812 0000'],
    ['a leading minus', '-5 menit'],
    ['a leading at-sign', '@peksos-uji'],
    ['emoji and accents', 'memilah pakaian 👕 — àéß'],
    ['right-to-left text', 'مهارة'],
  ])('accepts %s as plain text and passes it on unchanged', async (_name, text) => {
    const h = harness()
    const res = await h.send('/api/sessions', {
      token: await h.token('peksos-uji', 'worker'),
      json: { ...SESSION, task: text, notes: text },
    })
    expect(res.status).toBe(201)
    expect(h.ledger.sessions[0]).toMatchObject({ task: text, notes: text })
  })

  it('keeps the line breaks of notes posted from a form textarea (CR LF) and refuses them in a task', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    const notes = 'baris 1\r\nbaris 2\tselesai'
    expect((await h.send('/api/sessions', { token, form: { ...SESSION, notes } })).status).toBe(201)
    expect(h.ledger.sessions[0]?.notes).toBe(notes)
    const refused = await h.send('/api/sessions', { token, form: { ...SESSION, task: notes } })
    expect(refused.status).toBe(422)
    expect((await refused.json<ProblemBody>()).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual([
      '/task invalid_characters',
    ])
  })

  it('accepts a form post whose values are all text', async () => {
    const h = harness()
    const res = await h.send('/api/sessions', {
      token: await h.token('peksos-uji', 'worker'),
      form: { ...SESSION, date: '05/03/2025', rating: '2', duration_min: '45', assistance: ' Sebagian ' },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ date: '2025-03-05', rating: 2, duration_min: 45, assistance: 'sebagian' })
  })
})
