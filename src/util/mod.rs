pub mod dos_time;
