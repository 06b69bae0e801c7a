/**
 * One dataset per running emulator, shared by the login and Graph services (they are
 * built separately from the same context, so the instance hangs off the context's store).
 */
import type { EmulatorContext } from "../core/context";
import { loadDataset, parseDatasetEnv, type Dataset, type DatasetSelection } from "./dataset";

export interface DatasetHolder {
  readonly current: Dataset;
  select(selection: DatasetSelection): Dataset;
}

const holders = new WeakMap<object, DatasetHolder>();

export function datasetOf(ctx: EmulatorContext): DatasetHolder {
  let holder = holders.get(ctx.store);
  if (!holder) {
    const initial = parseDatasetEnv(process.env.EMULATOR_DATASET);
    let current = loadDataset(initial);
    holder = {
      get current() {
        return current;
      },
      select(selection) {
        current = loadDataset(selection);
        return current;
      },
    };
    // A reset returns to the configured dataset, like every other piece of state.
    ctx.onReset(() => {
      if (current.selection.name !== initial.name || current.selection.chats !== initial.chats)
        current = loadDataset(initial);
    });
    holders.set(ctx.store, holder);
  }
  return holder;
}
