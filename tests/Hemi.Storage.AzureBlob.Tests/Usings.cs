global using Hemi.Testing;
