// Board coordinates as the tools send them, and how near the pointer counts as touching.

export const round = v => Math.round(v * 100) / 100; // a hundredth of a unit is plenty, and keeps messages short

export const hitRadius = 6; // screen pixels around the pointer that count as touching
