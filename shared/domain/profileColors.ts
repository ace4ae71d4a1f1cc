/**
 * The colors a profile can have. Kept apart from the zod schemas so the renderer can use them
 * without bundling zod (whose eval probe would trip the renderer's CSP).
 */
export const PROFILE_COLORS = ['blue', 'cyan', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple', 'gray'] as const;

