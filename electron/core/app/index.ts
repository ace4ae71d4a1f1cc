export { createAppHandlers } from './appHandlers';
