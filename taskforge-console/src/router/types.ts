import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'

/** One sidebar entry. */
export interface NavItem {
  path: string
  /** An i18n key. */
  label: string
  icon?: Component
  /** Sidebar position, ascending. */
  order: number
  /** Hidden from callers whose role in the current tenant is smaller. */
  minRole?: Role
  /** Shown to superadmins only. */
  superadmin?: boolean
  /** An i18n key: entries with the same section are grouped under it as a heading. */
  section?: string
}

/** What each src/pages/<area>/routes.ts exports. */
export interface AreaRoutes {
  /** Children of the signed-in layout (paths without a leading slash are relative to /). */
  routes?: RouteRecordRaw[]
  /** Routes outside the layout that need no sign-in (the login page). */
  publicRoutes?: RouteRecordRaw[]
  nav?: NavItem[]
}

declare module 'vue-router' {
  interface RouteMeta {
    /** The least role in the current tenant needed to open the route. */
    minRole?: Role
    /** Superadmins only. */
    superadmin?: boolean
    /** No sign-in needed. */
    public?: boolean
    /** i18n key of the page title (the browser tab shows it). */
    title?: string
  }
}
