/** Each profile's working files, opened on first use. */
export { Workspaces } from './workspaces';
