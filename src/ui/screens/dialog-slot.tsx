import { useShallow } from 'zustand/react/shallow';
import type { CiState } from '../../domain/ci.js';
import { helpSectionsFor } from '../../keys/help-rows.js';
import type { Dialog } from '../../store/state.js';
import { useCockpitStore } from '../../store/store-context.js';
import { CandidatePicker } from '../dialogs/candidate-picker.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { HelpOverlay } from '../dialogs/help-overlay.js';
import { LogOverlay } from '../dialogs/log-overlay.js';
import { SkipDialog } from '../dialogs/skip-dialog.js';

export interface DialogSlotProps {
  readonly dialog: Dialog;
  readonly width: number;
  readonly height: number;
  /** False without a terminal: the candidate list must not take raw-mode input. */
  readonly isInteractive: boolean;
  readonly onChoose: (sha: string, ci: CiState) => void;
}

/** Whether a dialog takes the whole body (long lines: help, logs) or only a pane's place (questions). */
export function isFullBody(dialog: Dialog): boolean {
  return dialog.kind === 'help' || dialog.kind === 'log';
}

function CandidateSlot({ width, height, isInteractive, onChoose }: Omit<DialogSlotProps, 'dialog'>) {
  const [candidates, branch, now] = useCockpitStore(useShallow((s) => [s.candidates, s.checklist.playbook.from, s.now] as const));
  return <CandidatePicker candidates={candidates} branch={branch} now={now} isFocused={isInteractive} onChoose={onChoose} width={width} height={height} />;
}

function LogSlot({ jobId, title, width, height }: { readonly jobId: number; readonly title: string; readonly width: number; readonly height: number }) {
  const log = useCockpitStore((s) => s.log);
  return <LogOverlay jobId={jobId} title={title} log={log} width={width} height={height} />;
}

function SkipSlot({ stepId, ppcId, reason, width, height }: { readonly stepId: string; readonly ppcId?: string; readonly reason: string; readonly width: number; readonly height: number }) {
  const stepTitle = useCockpitStore((s) => s.checklist.playbook.steps.find((d) => d.id === stepId)?.title ?? stepId);
  // The rollout pane's s skips one PPC, not the step.
  const title = ppcId === undefined ? stepTitle : `PPC ${ppcId} (the rollout goes on without it)`;
  return <SkipDialog stepTitle={title} reason={reason} width={width} height={height} />;
}

function HelpSlot({ width, height }: { readonly width: number; readonly height: number }) {
  const mode = useCockpitStore((s) => s.meta.mode);
  return <HelpOverlay sections={helpSectionsFor(mode)} width={width} height={height} />;
}

/** The open dialog, drawn in the room the screen gives it. */
export function DialogSlot({ dialog, ...rest }: DialogSlotProps) {
  const { width, height } = rest;
  switch (dialog.kind) {
    case 'confirm':
      return <ConfirmDialog prompt={dialog.prompt} width={width} height={height} />;
    case 'skip':
      return <SkipSlot stepId={dialog.stepId} {...(dialog.ppcId === undefined ? {} : { ppcId: dialog.ppcId })} reason={dialog.reason} width={width} height={height} />;
    case 'take-over':
      return (
        <SkipDialog
          stepTitle=""
          title="Take the release over"
          question={`Why do you take the release over from ${dialog.from}? It is recorded in the journal and said on the PR.`}
          submitHint="Enter takes over (leaves the watcher for cockpit run --take-over)"
          reason={dialog.reason}
          width={width}
          height={height}
        />
      );
    case 'candidate':
      return <CandidateSlot {...rest} />;
    case 'help':
      return <HelpSlot width={width} height={height} />;
    case 'log':
      return <LogSlot jobId={dialog.jobId} title={dialog.title} width={width} height={height} />;
  }
}
