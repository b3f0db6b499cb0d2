// A day without its time, where the time of day would only be noise (a key's expiry).
export function formatDate(iso: string, locale?: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(locale, { dateStyle: 'medium' })
}
