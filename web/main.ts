// The dashboard's entry: defining the page element renders it.
import "./components/rl-dashboard.ts";
