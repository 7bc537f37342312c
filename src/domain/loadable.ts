/** "Not read yet" is not "empty" is not "failed": every pane can tell them apart. */
export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T; readonly at: number }
  | { readonly status: 'error'; readonly message: string; readonly data?: T; readonly at: number };
