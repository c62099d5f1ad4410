// Printed material for tasting events (打印物料): the Print service. Posters per guest, table cards,
// name tents, the seating poster and the door stand come back as ExportFile (a download in a browser;
// in the window Go saved the file and opened it in the system's viewer).
import { call } from './transport'
import type { ExportFile } from './sheets'

const P = 'Print'

export type PosterLayout = 'classic' | 'wine' | 'plain'

/** print.Layout */
export interface LayoutOption {
  key: PosterLayout
  name: string
}

/** print.Style: the shop's poster layout, trim colour ("#RRGGBB" or "") and wording. */
export interface PrintStyle {
  layout: PosterLayout
  accent: string
  wording: string
}

/** app.PrintOptions */
export interface PrintOptions {
  layouts: LayoutOption[]
  style: PrintStyle
  defaultWording: string
  placeholders: string[]
  hasLogo: boolean
  mapVenues: string[]
  maxImageMb: number
}

/** app.PosterPreview: a poster as base64 PNG; qrNote says why it carries no check-in code. */
export interface PosterPreview {
  png: string
  guest: string
  qrNote: string
}

/** app.PrintProgress, the "print:progress" event of a batch. */
export interface PrintProgress {
  jobId: string
  done: number
  total: number
}

export const PROGRESS_EVENT = 'print:progress'

export const options = () => call<PrintOptions>(P, 'Options')
export const saveStyle = (s: PrintStyle) => call<PrintStyle>(P, 'SaveStyle', s)
/** uploadLogo and uploadMap take the image as base64 (a data: URL prefix is accepted). */
export const uploadLogo = (base64: string) => call<void>(P, 'UploadLogo', base64)
export const uploadMap = (venue: string, base64: string) => call<void>(P, 'UploadMap', venue, base64)
export const deleteImage = (kind: 'logo' | 'map', venue: string) => call<void>(P, 'DeleteImage', kind, venue)
/** image is the stored logo or a venue's map as base64 PNG, "" when there is none. */
export const image = (kind: 'logo' | 'map', venue: string) => call<string>(P, 'Image', kind, venue)
export const hostPhone = (staffId: number) => call<string>(P, 'HostPhone', staffId)
export const saveHostPhone = (staffId: number, phone: string) => call<void>(P, 'SaveHostPhone', staffId, phone)
export const preview = (eventId: number, guestId: number, style: PrintStyle) =>
  call<PosterPreview>(P, 'Preview', { eventId, guestId, style })
export const poster = (eventId: number, guestId: number, format: 'png' | 'pdf') => call<ExportFile>(P, 'Poster', eventId, guestId, format)
/** posters is every invited guest's poster: a zip of PNGs or one PDF; progress as PROGRESS_EVENT with jobId. */
export const posters = (eventId: number, format: 'zip' | 'pdf', jobId: string) => call<ExportFile>(P, 'Posters', eventId, format, jobId)
export const tableCards = (eventId: number) => call<ExportFile>(P, 'TableCards', eventId)
/** nameTents adds extra tents typed one a line as "姓名 单位/职务". */
export const nameTents = (eventId: number, extra: string) => call<ExportFile>(P, 'NameTents', eventId, extra)
export const seatingPoster = (eventId: number) => call<ExportFile>(P, 'SeatingPoster', eventId)
export const doorStand = (eventId: number) => call<ExportFile>(P, 'DoorStand', eventId)
