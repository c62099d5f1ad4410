// Data safety (backups, restore) and shop-network mode: the owner's settings tabs.
import { call } from './transport'

export type BackupKind = 'daily' | 'weekly' | 'before-import' | 'before-restore' | 'before-migrate' | 'manual'

/** store.BackupFile: one file in the backup folder beside the database, known by its name only. */
export interface BackupFile {
  name: string
  kind: BackupKind | string
  size: number
  /** RFC 3339, UTC. */
  modTime: string
}

export function backups(): Promise<BackupFile[]> {
  return call<BackupFile[]>('System', 'Backups')
}

/** app.BackupResult: savedTo only for a file the window's own dialog chose (for display). */
export interface BackupResult {
  name: string
  savedTo: string
  cancelled: boolean
}

/** nativeDialogs: true in the desktop window (Go opens the system's file dialogs), false in a browser. */
export function nativeDialogs(): Promise<boolean> {
  return call<boolean>('System', 'NativeDialogs')
}

/** backup writes a checked copy into the backup folder beside the database. */
export function backup(): Promise<BackupResult> {
  return call<BackupResult>('System', 'Backup')
}

/** backupAs asks the window's save dialog where to write the backup (a USB stick). Window only. */
export function backupAs(): Promise<BackupResult> {
  return call<BackupResult>('System', 'BackupAs')
}

/** restore checks the listed backup named name, keeps a safety copy and stages it for the next start. */
export function restore(name: string): Promise<void> {
  return call<void>('System', 'Restore', name)
}

/** restorePicked asks the window's file dialog for a backup anywhere and stages it. Window only. */
export function restorePicked(): Promise<BackupResult> {
  return call<BackupResult>('System', 'RestorePicked')
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
