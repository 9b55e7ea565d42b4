"""Repository access: commits, trees and blobs read through git, and the state of the register
in its work tree."""
