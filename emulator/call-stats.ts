/** Counts every Sheets call answered (faulted ones too), globally and per spreadsheet. */

export interface StatsJson {
  total: number
  reads: number
  writes: number
  by_method: Record<string, number>
  by_status: Record<string, number>
}

const empty = (): StatsJson => ({ total: 0, reads: 0, writes: 0, by_method: {}, by_status: {} })

function add(s: StatsJson, method: string, kind: 'read' | 'write', status: number): void {
  s.total++
  if (kind === 'read') s.reads++
  else s.writes++
  s.by_method[method] = (s.by_method[method] ?? 0) + 1
  const key = String(status)
  s.by_status[key] = (s.by_status[key] ?? 0) + 1
}

export class CallStats {
  private global = empty()
  private readonly perSpreadsheet = new Map<string, StatsJson>()

  record(spreadsheetId: string | undefined, method: string, kind: 'read' | 'write', status: number): void {
    add(this.global, method, kind, status)
    if (spreadsheetId === undefined) return
    let s = this.perSpreadsheet.get(spreadsheetId)
    if (!s) {
      s = empty()
      this.perSpreadsheet.set(spreadsheetId, s)
    }
    add(s, method, kind, status)
  }

  get(spreadsheetId?: string): StatsJson {
    const s = spreadsheetId === undefined ? this.global : (this.perSpreadsheet.get(spreadsheetId) ?? empty())
    return structuredClone(s)
  }

  /** Zeroes everything, or one spreadsheet's counters (the global ones keep counting). */
  reset(spreadsheetId?: string): void {
    if (spreadsheetId === undefined) {
      this.global = empty()
      this.perSpreadsheet.clear()
    } else {
      this.perSpreadsheet.delete(spreadsheetId)
    }
  }
}
