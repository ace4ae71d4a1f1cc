import type { ProfileView } from '../../../../shared/domain/profile';

export type Badge = 'active' | 'refreshing' | 'needs re-auth' | 'revoked' | 'offline' | 'not connected' | 'error';

/** The one word a profile's badge shows; offline wins over active, since it is what matters now. */
export function badgeOf(profile: ProfileView, online: boolean | undefined): Badge {
  switch (profile.status) {
    case 'pending':
      return 'not connected';
    case 'needs-reauth':
      return 'needs re-auth';
    case 'revoked':
      return 'revoked';
    case 'error':
      return 'error';
    case 'refreshing':
      return 'refreshing';
    case 'active':
      return online === false ? 'offline' : 'active';
  }
}

export function needsReconnect(profile: ProfileView): boolean {
  return profile.status === 'needs-reauth' || profile.status === 'revoked' || profile.status === 'error';
}

export function relativeTime(ms: number | null, now = Date.now()): string {
  if (ms === null) return 'never';
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return diff >= 0 ? 'in under a minute' : 'just now';
  const unit = abs >= 86_400_000 ? ['day', 86_400_000] as const : abs >= 3_600_000 ? ['hour', 3_600_000] as const : ['minute', 60_000] as const;
  const n = Math.max(1, Math.round(abs / unit[1]));
  const text = `${n} ${unit[0]}${n === 1 ? '' : 's'}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
