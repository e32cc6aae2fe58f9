/**
 * A casebook as the first template (v1) left it, made from this template for tests of the
 * upgrade path (sheets-template/upgrade-template.ts, the ledger's later tabs): the requests that
 * take away what v2 added — the Dashboard charts, the Events and Feedback tabs, the Progress
 * `approval` column, the last three Lists columns — and set the version back to 1. Applied after
 * the template's own requests, in the same or a later batchUpdate.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { buildTemplate, DASHBOARD_CHARTS, TEMPLATE_METADATA_KEY } from '../../sheets-template/build-template'
import { LIST_NAMES } from '../../src/domain/lists'
import { PROGRESS_COLUMNS } from '../../src/domain/progress-tab'

const template = buildTemplate()
const sheetIdOf = (key: string): number => {
  const tab = template.tabs.find((t) => t.key === key)
  if (tab === undefined) throw new Error(`no template tab ${key}`)
  return tab.sheetId
}

/** The lists v1 had (the first twelve of LIST_NAMES). */
export const V1_LISTS = LIST_NAMES.slice(0, 12)

export const TO_V1: readonly sheets_v4.Schema$Request[] = [
  ...Object.values(DASHBOARD_CHARTS).map((objectId) => ({ deleteEmbeddedObject: { objectId } })),
  { deleteSheet: { sheetId: sheetIdOf('events') } },
  { deleteSheet: { sheetId: sheetIdOf('feedback') } },
  {
    deleteDimension: {
      range: {
        sheetId: sheetIdOf('progress'),
        dimension: 'COLUMNS',
        startIndex: PROGRESS_COLUMNS.length - 1,
        endIndex: PROGRESS_COLUMNS.length,
      },
    },
  },
  {
    deleteDimension: {
      range: {
        sheetId: sheetIdOf('lists'),
        dimension: 'COLUMNS',
        startIndex: V1_LISTS.length,
        endIndex: LIST_NAMES.length,
      },
    },
  },
  {
    updateDeveloperMetadata: {
      dataFilters: [{ developerMetadataLookup: { metadataKey: TEMPLATE_METADATA_KEY } }],
      developerMetadata: { metadataValue: '1' },
      fields: 'metadataValue',
    },
  },
]

/** The requests that build a v1 casebook in an empty spreadsheet (sheet 0 deleted, as the template does). */
export const V1_TEMPLATE_REQUESTS: readonly sheets_v4.Schema$Request[] = [...template.requests, ...TO_V1]
