// QR codes for the shop-network addresses: an SVG data URL (no canvas needed), black on white so a
// tablet's camera reads it from the screen.
import QRCode from 'qrcode'

export async function qrDataURL(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg)
}
