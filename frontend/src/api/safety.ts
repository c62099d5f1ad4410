// Data safety (backups, restore) and shop-network mode: the owner's settings tabs.
import { call } from './transport'

export type BackupKind = 'daily' | 'weekly' | 'before-import' | 'before-restore' | 'before-migrate' | 'manual'

/** store.BackupFile: one file in the backup folder beside the database. */
export interface BackupFile {
  name: string
  path: string
  kind: BackupKind | string
  size: number
  /** RFC 3339, UTC. */
  modTime: string
}

export function backups(): Promise<BackupFile[]> {
  return call<BackupFile[]>('System', 'Backups')
}

/** chooseFolder opens the window's folder picker; "" when cancelled. In a browser it rejects (conflict). */
export function chooseFolder(): Promise<string> {
  return call<string>('System', 'ChooseFolder')
}

/** chooseBackupFile opens the window's file picker; "" when cancelled. In a browser it rejects (conflict). */
export function chooseBackupFile(): Promise<string> {
  return call<string>('System', 'ChooseBackupFile')
}

/** backupTo writes a checked copy into folder ("" for the backup folder) and returns the file's path. */
export function backupTo(folder: string): Promise<string> {
  return call<string>('System', 'BackupTo', folder)
}

/** restore checks the file, keeps a safety copy and stages it for the next start. */
export function restore(file: string): Promise<void> {
  return call<void>('System', 'Restore', file)
}

/** settings.LAN */
export interface LanSetting {
  enabled: boolean
  port: number
}

/** app.LANStatus */
export interface LanStatus extends LanSetting {
  running: boolean
  /** http://192.168.1.20:8421/ for each shop-network address, when running. */
  addresses: string[]
}

export function lan(): Promise<LanStatus> {
  return call<LanStatus>('System', 'LAN')
}

export function setLan(s: LanSetting): Promise<LanStatus> {
  return call<LanStatus>('System', 'SetLAN', s)
}
