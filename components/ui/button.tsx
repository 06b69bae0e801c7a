import type { ButtonHTMLAttributes, ReactNode } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-styles";

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & {
  type?: "button" | "submit";
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** While true the button is disabled, busy for assistive tech, and shows `pendingLabel`. */
  pending?: boolean;
  pendingLabel?: ReactNode;
};

/** The app's button. `className` is for layout (margins, width), not looks. */
export function Button({
  type = "button",
  variant,
  size,
  pending = false,
  pendingLabel,
  disabled,
  className,
  children,
  ...rest
}: Props) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={buttonClasses({ variant, size, className })}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
