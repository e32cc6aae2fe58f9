/**
 * @module
 * The `Settings` tab: the centre's holidays, one per row. Working days are Monday–Friday minus
 * these dates (domain.md "Working days").
 */
import * as z from 'zod'
import { col } from './columns'
import { isoDateSchema, shortText } from './field-schemas'

export const HolidaySchema = z.strictObject({
  date: col(isoDateSchema(), { label: { id: 'Tanggal libur', en: 'Holiday date' }, kind: 'date' }),
  description: col(shortText().optional(), { label: { id: 'Keterangan', en: 'Description' }, kind: 'text' }),
})

export type Holiday = z.output<typeof HolidaySchema>
