import { useState } from 'react';
import { DeskScreen } from './DeskScreen';
import { forgetPairing, type Pairing, storedPairing } from './desk-link';
import { PairScreen } from './PairScreen';
import { RevokedScreen } from './RevokedScreen';

/**
 * The code the hub's link carries in its #fragment (never sent to a server),
 * taken once and removed from the address bar at once: a reload, a
 * bookmark or a look over the shoulder does not see it again.
 */
function takeCodeFromAddress(): string | null {
  const match = /^#pair=([^&]*)$/.exec(window.location.hash);
  if (window.location.hash !== '') {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

const codeInLink = takeCodeFromAddress();

type Phase =
  | { kind: 'pair'; code: string | null }
  | { kind: 'desk'; pairing: Pairing }
  | { kind: 'revoked'; unsent: number };

function firstPhase(): Phase {
  // A pairing link opened on a desk paired already pairs it anew: the person meant to.
  if (codeInLink) return { kind: 'pair', code: codeInLink };
  const pairing = storedPairing();
  if (!pairing) return { kind: 'pair', code: null };
  return pairing.revokedAt ? { kind: 'revoked', unsent: pairing.unsent } : { kind: 'desk', pairing };
}

export function DeskApp() {
  const [phase, setPhase] = useState<Phase>(firstPhase);
  if (phase.kind === 'pair') {
    return <PairScreen linkCode={phase.code} onPaired={(pairing) => setPhase({ kind: 'desk', pairing })} />;
  }
  if (phase.kind === 'revoked') {
    return (
      <RevokedScreen
        unsent={phase.unsent}
        onPairAgain={() => {
          forgetPairing();
          setPhase({ kind: 'pair', code: null });
        }}
      />
    );
  }
  return (
    <DeskScreen
      key={phase.pairing.deskId}
      pairing={phase.pairing}
      onRevoked={() => setPhase({ kind: 'revoked', unsent: storedPairing()?.unsent ?? 0 })}
    />
  );
}
